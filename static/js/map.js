/*
 * The entries map in the browser: one cluster layer with a subgroup per group, legend, full
 * screen, popups, BKG outlines.
 *
 * Python hands this file one JSON config per map and one JSON layer per selection:
 * `window.EM.setup(map, config)` (mapping.MapSetup) and `window.EM.fill(data)`
 * (mapping.EntriesLayer); embedded maps also call `window.EM.gestures(map, text)`
 * (embed.GestureHandling). The logic that needs no Leaflet lives in small functions and classes
 * that take their dependencies (fetch, document, map) as parameters, so node's test runner can
 * load this file through `module.exports` (tests/js/).
 */
(function (root) {
  "use strict";

  /** The clustered layers of this many recent selections are kept for going back to them. */
  const RECENT_MAX = 3;
  /** Class of the map container in the full-window fallback (no Fullscreen API in the frame). */
  const PSEUDO_FULL = "em-pseudo-full";
  /**
   * Popups: at most 320 px wide (narrower on narrow maps, map.css), and a popup that opens
   * moves the map so that it is not under the buttons at the top.
   */
  const POPUP_OPTIONS = { maxWidth: 320, autoPanPaddingTopLeft: [50, 50] };
  /** Marker events that bind an entry's details (fetched on demand) and open them. */
  const OPEN_EVENTS = "click keypress mouseover";
  const FULLSCREEN_SVG =
    '<svg width="16" height="16" viewBox="0 0 16 16" aria-hidden="true" focusable="false">' +
    '<path d="M1 6V1h5M10 1h5v5M15 10v5h-5M6 15H1v-5" fill="none" stroke="#000" ' +
    'stroke-width="2"/></svg>';

  const HTML_ESCAPES = { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#x27;" };

  /** Text as HTML (like Python's html.escape), for the places where Leaflet takes markup. */
  function escapeHtml(text) {
    return String(text).replace(/[&<>"']/g, (ch) => HTML_ESCAPES[ch]);
  }

  /** The classes of a category's marker: shape by group (not colour alone). */
  function markerClass(cat) {
    return "em-marker em-" + cat.shape;
  }

  /** The coloured symbol of a category: inside every marker and in the legend. */
  function symbolHtml(cat) {
    return (
      '<span style="background:' +
      escapeHtml(cat.color) +
      ";color:" +
      escapeHtml(cat.text) +
      '"><b>' +
      escapeHtml(cat.symbol) +
      "</b></span>"
    );
  }

  /** The legend's content: a heading and one line per category (default: all) with its marker. */
  function legendHtml(cfg, cats) {
    const items = (cats || cfg.cats).map(
      (cat) =>
        '<li><span class="' +
        markerClass(cat) +
        '">' +
        symbolHtml(cat) +
        "</span><span>" +
        escapeHtml(cat.label) +
        "</span></li>",
    );
    return "<strong>" + escapeHtml(cfg.text.legend) + "</strong><ul>" + items.join("") + "</ul>";
  }

  /**
   * Popup details ([tooltip, popup] HTML) of the entries. They travel inline in the layer data
   * (`data.d`) or as chunk files `<data.u><n>.json` of `chunkSize` entries, fetched when a
   * marker of the chunk is first opened: one request per chunk, and every callback that asks
   * while it is on its way is served when it arrives.
   */
  class ChunkedDetails {
    constructor(fetch, chunkSize) {
      this.fetch = fetch;
      this.chunkSize = chunkSize;
      this.url = null;
      this.chunks = {};
      this.pending = {};
    }

    /** Forget the fetched chunks when the files' URL changes (new data); true if it did. */
    useUrl(url) {
      if (!url || url === this.url) {
        return false;
      }
      this.url = url;
      this.chunks = {};
      this.pending = {};
      return true;
    }

    /** Call `done` with the details of entry `key` of the layer `data` (maybe later). */
    get(data, key, done) {
      if (data.d) {
        done(data.d[key]);
        return;
      }
      const chunk = Math.floor(key / this.chunkSize);
      const index = key - chunk * this.chunkSize;
      // A reset while a chunk is on its way must not file it under the new URL.
      const chunks = this.chunks;
      const pending = this.pending;
      if (chunks[chunk]) {
        done(chunks[chunk][index]);
        return;
      }
      const waiting = pending[chunk] || (pending[chunk] = []);
      waiting.push((entries) => done(entries[index]));
      if (waiting.length > 1) {
        return;
      }
      const fetch = this.fetch;
      fetch(data.u + chunk + ".json")
        .then((response) => response.json())
        .then((entries) => {
          chunks[chunk] = entries;
          delete pending[chunk];
          waiting.forEach((serve) => serve(entries));
        });
    }
  }

  /**
   * The finished cluster layers of the last `max` selections, most recent first: going back to
   * one (unticking a filter again) swaps them in instead of clustering every entry anew.
   */
  class RecentLayers {
    constructor(max) {
      this.max = max;
      this.items = [];
    }

    /** Remove and return the entry of selection `id`, or null. */
    take(id) {
      const at = this.items.findIndex((item) => item.id === id);
      return at < 0 ? null : this.items.splice(at, 1)[0];
    }

    /** Put `item` ({id, ...}) first; the oldest beyond `max` are dropped. */
    add(item) {
      this.items.unshift(item);
      this.items.length = Math.min(this.items.length, this.max);
    }

    clear() {
      this.items = [];
    }
  }

  /** Whether a marker event opens the popup: a click or a key (Leaflet makes Enter a click). */
  function opensPopup(type) {
    return type === "click" || type === "keypress";
  }

  /**
   * On the first hover, click or key press on a marker whose details are not bound yet: get
   * them, bind tooltip and popup, then open the popup (click, key) or the tooltip (hover).
   */
  function openEntry(type, marker, details) {
    if (marker._emBound) {
      return;
    }
    details.get(marker._emData, marker._emKey, (entry) => {
      if (!entry) {
        return;
      }
      // A hover and then a click can both wait for the same chunk: the first to get it binds,
      // and the click still opens the popup.
      if (!marker._emBound) {
        marker._emBound = true;
        marker.unbindTooltip();
        marker.bindTooltip(entry[0]);
        marker.bindPopup(entry[1], POPUP_OPTIONS);
      }
      if (opensPopup(type)) {
        marker.openPopup();
      } else if (!marker.isPopupOpen()) {
        marker.openTooltip();
      }
    });
  }

  /**
   * Listen for OPEN_EVENTS on a cluster layer: marker events reach it (the clusters' own become
   * "clusterclick", ...), so one listener per layer serves every marker in it.
   */
  function listenForOpen(layer, details) {
    layer.on(OPEN_EVENTS, (e) => {
      if (e.layer && e.layer._emData) {
        openEntry(e.type, e.layer, details);
      }
    });
  }

  /**
   * Full screen on and off for the map's container: the Fullscreen API where the page may use
   * it, else a fixed full-window box (an iframe without allowfullscreen has no API).
   */
  function toggleFullscreen(map, doc) {
    const el = map.getContainer();
    if (doc.fullscreenElement) {
      doc.exitFullscreen();
      return;
    }
    if (el.requestFullscreen && doc.fullscreenEnabled) {
      el.requestFullscreen().then(() => map.invalidateSize());
      return;
    }
    el.classList.toggle(PSEUDO_FULL, !el.classList.contains(PSEUDO_FULL));
    map.invalidateSize();
  }

  /** Leaflet GestureHandling on an embedded map: the page scrolls, the map zooms with Ctrl. */
  function enableGestures(map, text) {
    if (!map.gestureHandling) {
      return;
    }
    map.options.gestureHandlingOptions = { text: text, duration: 1500 };
    map.gestureHandling.enable();
  }

  /** Class of the map container when the map is narrow (legend and layers behind a button). */
  const NARROW = "em-narrow";
  /** Class of the map container while the legend and layers are opened on a narrow map. */
  const PANELS_OPEN = "em-panels-open";
  /** Maps at most this wide (px) show the legend and layer control only on request. */
  const NARROW_MAX = 600;
  /** Room (px) kept free around the entries when the map zooms to them. */
  const FIT_PADDING = 24;
  /** Outline styles: light lines under the markers, the Länder stronger than the Kreise. */
  const LAND_STYLE = { color: "#666", weight: 1.2, opacity: 0.7, fill: false };
  const KREIS_STYLE = { color: "#888", weight: 0.6, opacity: 0.6, fill: false };

  /** The categories the legend lists: those in the selection whose group is shown. */
  function shownCats(cfg, present, hidden) {
    return cfg.cats.filter((cat, i) => present[i] && !hidden[cat.group]);
  }

  /** The layer choice as a key (one "1"/"0" per group): kept layers match only the same. */
  function choiceKey(groups, hidden) {
    return groups.map((group) => (hidden[group.key] ? "0" : "1")).join("");
  }

  /** Mark the map narrow or not; a map that becomes wide shows its panels again. */
  function fitWidth(container, width) {
    const narrow = width <= NARROW_MAX;
    container.classList.toggle(NARROW, narrow);
    if (!narrow) {
      container.classList.toggle(PANELS_OPEN, false);
    }
    return narrow;
  }

  /** Open or close the legend and layers of a narrow map; the button says which. */
  function togglePanels(container, button) {
    const open = !container.classList.contains(PANELS_OPEN);
    container.classList.toggle(PANELS_OPEN, open);
    button.setAttribute("aria-expanded", open ? "true" : "false");
    return open;
  }

  /** Longest wait (ms) for stylesheets before the map is drawn anyway. */
  const STYLE_WAIT_MAX = 3000;

  /**
   * Call `done` once (soon) when every stylesheet link of `doc` has loaded or failed: layout
   * read before is wrong. streamlit-folium adds the links without waiting for them.
   */
  function whenStyled(doc, done, setTimer) {
    const waiting = Array.from(doc.querySelectorAll('link[rel="stylesheet"]')).filter(
      (link) => !link.sheet,
    );
    let left = waiting.length;
    let called = false;
    const finish = () => {
      if (!called) {
        called = true;
        done();
      }
    };
    if (!left) {
      finish();
      return;
    }
    const one = () => {
      if (--left === 0) {
        finish();
      }
    };
    waiting.forEach((link) => {
      link.addEventListener("load", one, { once: true });
      link.addEventListener("error", one, { once: true });
    });
    // A link that failed before we looked never fires again.
    (setTimer || setTimeout)(finish, STYLE_WAIT_MAX);
  }

  /** The outline source note as a link (BKG requires it wherever its boundaries are shown). */
  function sourceHtml(source) {
    return '<a href="' + escapeHtml(source.url) + '">' + escapeHtml(source.text) + "</a>";
  }

  /**
   * The BKG outlines under the markers, in a pane between tiles and markers: the Länder
   * always, the Kreise from `kreiseMinZoom` on (fetched the first time they are needed).
   * `cfg.outlines.laender`/`kreise` are URLs of static files or the GeoJSON itself; `leaflet`
   * is Leaflet (L) and `fetchJson(url)` a promise of the parsed file.
   */
  function addOutlines(leaflet, map, outlines, fetchJson) {
    const state = { laender: null, kreise: null };
    const pane = map.createPane("emOutlines");
    pane.style.zIndex = 250;
    pane.style.pointerEvents = "none";
    const source = sourceHtml(outlines.source);
    const load = (src) => (typeof src === "string" ? fetchJson(src) : Promise.resolve(src));
    const layer = (data, style) =>
      leaflet.geoJSON(data, {
        pane: "emOutlines",
        interactive: false,
        style: style,
        attribution: source,
      });
    // The outlines help, the map works without them: a failed fetch leaves them out.
    load(outlines.laender)
      .then((data) => {
        state.laender = layer(data, LAND_STYLE).addTo(map);
      })
      .catch(() => null);
    let kreiseAsked = false;
    function zoomed() {
      const wanted = map.getZoom() >= outlines.kreiseMinZoom;
      if (wanted && !kreiseAsked && outlines.kreise) {
        kreiseAsked = true;
        load(outlines.kreise)
          .then((data) => {
            state.kreise = layer(data, KREIS_STYLE);
            zoomed();
          })
          .catch(() => null);
      }
      if (state.kreise && wanted !== map.hasLayer(state.kreise)) {
        if (wanted) {
          state.kreise.addTo(map);
        } else {
          map.removeLayer(state.kreise);
        }
      }
    }
    map.on("zoomend", zoomed);
    zoomed();
    return state;
  }

  /**
   * Set up the map once: the layer control, the legend, the full screen button, the outlines;
   * then `EM.fill(data)` shows a selection. Needs Leaflet (L), MarkerCluster and
   * FeatureGroup.SubGroup.
   *
   * One cluster layer holds every entry, so entries at the same place form one bubble whatever
   * their group; the layer control switches one subgroup per group in and out of it.
   */
  function setup(map, cfg) {
    const L = root.L;
    const doc = root.document;
    const container = map.getContainer();
    const details = new ChunkedDetails((url) => root.fetch(url), cfg.chunk);
    const recent = new RecentLayers(RECENT_MAX);
    const control = L.control.layers(null, null, { collapsed: false, position: "topright" });
    // The selection on the map: {id, base, cluster, subs, latlngs, present}.
    let shown = null;
    let busy = false;
    let pending = null;
    let rev = 0;

    const toggle = L.control({ position: "topright" });
    toggle.onAdd = () => {
      const button = L.DomUtil.create("button", "em-panels-toggle");
      button.type = "button";
      button.textContent = cfg.text.panels;
      button.setAttribute("aria-expanded", "false");
      button.setAttribute("aria-controls", "em-layers em-legend");
      L.DomEvent.disableClickPropagation(button);
      L.DomEvent.on(button, "click", () => togglePanels(container, button));
      return button;
    };
    toggle.addTo(map);
    control.addTo(map);
    control.getContainer().id = "em-layers";

    const legend = L.control({ position: "bottomright" });
    let legendDiv = null;
    legend.onAdd = () => {
      legendDiv = L.DomUtil.create("div", "em-legend");
      legendDiv.id = "em-legend";
      legendDiv.setAttribute("role", "region");
      legendDiv.setAttribute("aria-label", cfg.text.legend);
      legendDiv.hidden = true;
      L.DomEvent.disableScrollPropagation(legendDiv);
      return legendDiv;
    };
    legend.addTo(map);

    const full = L.control({ position: "topleft" });
    full.onAdd = () => {
      const a = L.DomUtil.create("a", "em-fullscreen leaflet-bar");
      a.href = "#";
      a.setAttribute("role", "button");
      a.title = cfg.text.fullscreen;
      a.setAttribute("aria-label", cfg.text.fullscreen);
      a.innerHTML = FULLSCREEN_SVG;
      L.DomEvent.on(a, "click", (e) => {
        L.DomEvent.preventDefault(e);
        toggleFullscreen(map, doc);
      });
      return a;
    };
    full.addTo(map);
    doc.addEventListener("fullscreenchange", () => map.invalidateSize());
    fitWidth(container, map.getSize().x);
    map.on("resize", () => fitWidth(container, map.getSize().x));
    if (cfg.outlines) {
      EM.outlines = addOutlines(L, map, cfg.outlines, (url) =>
        root.fetch(url).then((response) => response.json()),
      );
    }

    const icons = cfg.cats.map((cat) =>
      L.divIcon({
        className: markerClass(cat),
        html: symbolHtml(cat),
        iconSize: [22, 22],
        iconAnchor: [11, 11],
        popupAnchor: [0, -10],
        tooltipAnchor: [10, 0],
      }),
    );

    /** Which groups the user has switched off in the layer control. */
    function hiddenGroups() {
      const hidden = {};
      cfg.groups.forEach((group) => {
        hidden[group.key] = !!shown && !map.hasLayer(shown.subs[group.key]);
      });
      return hidden;
    }

    function updateLegend(hidden) {
      const cats = shown ? shownCats(cfg, shown.present, hidden) : [];
      legendDiv.innerHTML = legendHtml(cfg, cats);
      legendDiv.hidden = cats.length === 0;
    }
    map.on("overlayadd overlayremove", () => updateLegend(hiddenGroups()));

    function markersByGroup(data) {
      const buckets = {};
      const latlngs = [];
      const present = [];
      const p = data.p;
      cfg.groups.forEach((group) => {
        buckets[group.key] = [];
      });
      for (let i = 0; i < p.length; i += 4) {
        const cat = cfg.cats[p[i + 2]];
        const key = p[i + 3];
        const latlng = [p[i], p[i + 1]];
        // Every marker gets an accessible name: the entry's name when it travels inline,
        // else its category (the name arrives with the popup data when it is opened).
        const marker = L.marker(latlng, {
          icon: icons[p[i + 2]],
          keyboard: true,
          alt: cat.label,
          title: data.d ? data.t[key] : cat.label,
        });
        marker._emData = data;
        marker._emKey = key;
        if (data.d) {
          marker.bindTooltip(data.d[key][0]);
          marker.bindPopup(data.d[key][1], POPUP_OPTIONS);
          marker._emBound = true;
        }
        buckets[cat.group].push(marker);
        latlngs.push(latlng);
        present[p[i + 2]] = true;
      }
      return { buckets: buckets, latlngs: latlngs, present: present };
    }

    /** The cluster layer and the subgroups of a selection, off the map. */
    function build(data) {
      const cluster = L.markerClusterGroup({
        chunkedLoading: true,
        chunkDelay: 5,
        showCoverageOnHover: false,
        maxClusterRadius: 45,
        // A bubble whose entries share one point (or never split up to the last zoom level)
        // opens like a spider on click, at any zoom, instead of zooming in.
        spiderfyOnMaxZoom: true,
        chunkProgress(done, total) {
          if (done === total && cluster._emProgress) {
            cluster._emProgress();
          }
        },
      });
      listenForOpen(cluster, details);
      // MarkerCluster leaves the opened bubble at 30 % under the spider's first feet (more
      // than 9 entries start a spiral close to the centre): hide it until it closes.
      cluster.on("spiderfied", (e) => e.cluster.setOpacity(0));
      const built = markersByGroup(data);
      const subs = {};
      cfg.groups.forEach((group) => {
        subs[group.key] = L.featureGroup.subGroup(cluster, built.buckets[group.key]);
      });
      return { cluster: cluster, subs: subs, latlngs: built.latlngs, present: built.present };
    }

    // Off the map without taking 20,000 markers out of the cluster one by one: the cluster
    // leaves the map whole, and each subgroup is cut from it before it leaves the map.
    function detach(item) {
      cfg.groups.forEach((group) => control.removeLayer(item.subs[group.key]));
      map.removeLayer(item.cluster);
      cfg.groups.forEach((group) => {
        const sub = item.subs[group.key];
        sub.setParentGroup(null);
        map.removeLayer(sub);
      });
    }

    // The cluster on the map first, then the shown subgroups (listed in the layer control
    // already): each adds its markers to the cluster in chunks (the page stays responsive);
    // `done` once every chunk is in.
    function attach(item, hidden, done) {
      const visible = cfg.groups.filter((group) => !hidden[group.key]);
      let waiting = 1 + visible.length;
      item.cluster._emProgress = () => {
        if (--waiting === 0) {
          item.cluster._emProgress = null;
          // MarkerCluster reports progress before it draws the last chunk: the next selection
          // must not take the cluster off the map in between.
          setTimeout(done, 0);
        }
      };
      item.cluster.addTo(map);
      cfg.groups.forEach((group) => item.subs[group.key].setParentGroup(item.cluster));
      visible.forEach((group) => item.subs[group.key].addTo(map));
    }

    /**
     * Room around the entries for the controls: at the right the legend and layer control
     * (unless folded away; at most half the map), at the left the buttons, at the bottom the
     * scale and attribution (Leaflet's corner boxes).
     */
    function fitPadding() {
      const corner = (where) => container.querySelector(".leaflet-control-container " + where);
      const panels = Math.max(legendDiv.offsetWidth, control.getContainer().offsetWidth);
      const right = container.classList.contains(NARROW)
        ? 0
        : Math.min(panels, map.getSize().x / 2);
      const left = corner(".leaflet-top.leaflet-left").offsetWidth;
      const bottom = Math.max(
        corner(".leaflet-bottom.leaflet-left").offsetHeight,
        corner(".leaflet-control-attribution").offsetHeight,
      );
      return {
        paddingTopLeft: [FIT_PADDING + left, FIT_PADDING],
        paddingBottomRight: [FIT_PADDING + right, FIT_PADDING + bottom],
      };
    }

    function show(data) {
      const thisRev = ++rev;
      if (details.useUrl(data.u)) {
        recent.clear();
      }
      // The user's layer choice carries over; the selection's layers are kept under it.
      const hidden = hiddenGroups();
      const choice = choiceKey(cfg.groups, hidden);
      if (shown) {
        shown.id = shown.base && shown.base + "|" + choice;
        detach(shown);
      }
      const base = data.f ? (data.u || "") + "|" + data.f : null;
      let item = base ? recent.take(base + "|" + choice) : null;
      if (!item) {
        item = build(data);
        item.base = base;
      }
      shown = item;
      updateLegend(hidden);
      // Listed before the zoom, which makes room for the layer control at its full size.
      cfg.groups.forEach((group) => {
        control.addOverlay(item.subs[group.key], escapeHtml(group.label));
      });
      // Zoom first (without animation), then cluster once for the final zoom: clustering
      // before the zoom would draw every cluster twice and animate 20,000 markers.
      if (item.latlngs.length) {
        const options = Object.assign({ maxZoom: 13, animate: false }, fitPadding());
        map.fitBounds(L.latLngBounds(item.latlngs), options);
      }
      attach(item, hidden, () => {
        if (pending) {
          const next = pending;
          pending = null;
          show(next);
          return;
        }
        busy = false;
        // The body's data-em-* attributes say when the selection is complete (tests and
        // benchmark wait on it).
        doc.body.setAttribute("data-em-count", String(item.latlngs.length));
        doc.body.setAttribute("data-em-rev", String(thisRev));
        doc.body.setAttribute("data-em-filter", data.f || "");
      });
      if (base) {
        item.id = base + "|" + choice;
        recent.add(item);
      }
    }

    /**
     * Show the selection `data` ({p, d|u, t, f}); returns the (empty) layer Python names.
     * The first waits for the stylesheets (the zoom makes room for the legend, whose size is
     * wrong before); one that arrives while the last is still being clustered waits for it (a
     * cluster taken off the map half-built would fail), and only the latest one waits.
     */
    function fill(data) {
      const layer = L.featureGroup().addTo(map);
      if (busy) {
        pending = data;
      } else {
        busy = true;
        whenStyled(doc, () => show(data));
      }
      return layer;
    }

    EM.map = map;
    EM.cfg = cfg;
    EM.shown = () => shown;
    EM.details = details;
    EM.recent = recent;
    EM.fill = fill;
  }

  const EM = {
    setup: setup,
    gestures: enableGestures,
    escapeHtml: escapeHtml,
    symbolHtml: symbolHtml,
    legendHtml: legendHtml,
    ChunkedDetails: ChunkedDetails,
    RecentLayers: RecentLayers,
    opensPopup: opensPopup,
    openEntry: openEntry,
    listenForOpen: listenForOpen,
    toggleFullscreen: toggleFullscreen,
    shownCats: shownCats,
    choiceKey: choiceKey,
    fitWidth: fitWidth,
    togglePanels: togglePanels,
    sourceHtml: sourceHtml,
    whenStyled: whenStyled,
    addOutlines: addOutlines,
    POPUP_OPTIONS: POPUP_OPTIONS,
    RECENT_MAX: RECENT_MAX,
    PSEUDO_FULL: PSEUDO_FULL,
    NARROW: NARROW,
    NARROW_MAX: NARROW_MAX,
    PANELS_OPEN: PANELS_OPEN,
  };

  if (typeof module !== "undefined" && module.exports) {
    module.exports = EM;
  }
  if (root.document) {
    root.EM = EM;
  }
})(typeof window !== "undefined" ? window : globalThis);
