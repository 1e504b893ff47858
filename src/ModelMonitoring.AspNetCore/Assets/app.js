// ModelMonitoring dashboard: reads the JSON API next to this page and draws its charts as SVG elements. No library.
"use strict";
(() => {
  const base = document.querySelector('meta[name="modelmonitoring-base"]').content;
  const token = document.querySelector('meta[name="modelmonitoring-token"]').content;
  const ns = "http://www.w3.org/2000/svg";
  const colours = ["#2563eb", "#dc2626", "#16a34a", "#9333ea", "#ea580c"];
  let selected = null;

  const api = async (path, options) => {
    const response = await fetch(base + "/api/" + path, { credentials: "same-origin", ...options });
    if (!response.ok) throw new Error(path + ": " + response.status);
    return response.json();
  };
  const post = (path, body) => api(path, {
    method: "POST",
    headers: { "Content-Type": "application/json", "RequestVerificationToken": token },
    body: JSON.stringify(body ?? {}),
  });
  const el = (tag, attributes, text) => {
    const node = document.createElement(tag);
    for (const [k, v] of Object.entries(attributes ?? {})) node.setAttribute(k, v);
    if (text !== undefined) node.textContent = text;
    return node;
  };
  const svg = (tag, attributes, text) => {
    const node = document.createElementNS(ns, tag);
    for (const [k, v] of Object.entries(attributes ?? {})) node.setAttribute(k, v);
    if (text !== undefined) node.textContent = text;
    return node;
  };
  const time = iso => new Date(iso).toISOString().slice(0, 16).replace("T", " ");
  const number = v => (v === null || v === undefined || !isFinite(v)) ? "–" : (Math.abs(v) >= 100 ? v.toFixed(0) : v.toPrecision(3));

  // A line chart of series [{name, points: [[bucketIndex, value]]}] over n buckets; one circle.pt per point.
  function lineChart(target, buckets, series) {
    target.replaceChildren();
    const [w, h, left, bottom] = [480, 160, 40, 18];
    const values = series.flatMap(s => [...s.points.map(p => p[1]), ...(s.band || []).flatMap(b => [b[1], b[2]])]);
    if (values.length === 0 || buckets.length === 0) {
      target.append(svg("text", { x: w / 2, y: h / 2, "text-anchor": "middle", class: "label" }, "no data yet"));
      return;
    }
    const min = Math.min(0, ...values), max = Math.max(...values) > min ? Math.max(...values) : min + 1;
    const x = i => left + (w - left - 8) * (buckets.length === 1 ? 0.5 : i / (buckets.length - 1));
    const y = v => h - bottom - (h - bottom - 8) * (v - min) / (max - min);
    target.append(svg("line", { x1: left, y1: h - bottom, x2: w - 8, y2: h - bottom, stroke: "#9ca3af" }));
    target.append(svg("text", { x: left - 4, y: 12, "text-anchor": "end", class: "label" }, number(max)));
    target.append(svg("text", { x: left - 4, y: h - bottom, "text-anchor": "end", class: "label" }, number(min)));
    target.append(svg("text", { x: left, y: h - 4, class: "label" }, time(buckets[0])));
    target.append(svg("text", { x: w - 8, y: h - 4, "text-anchor": "end", class: "label" }, time(buckets[buckets.length - 1])));
    // An estimate's band (lower and upper per bucket) is shaded under the lines: its upper edge, then its lower edge back.
    series.forEach((s, n) => {
      if (!s.band || s.band.length === 0) return;
      const edge = s.band.map(b => x(b[0]).toFixed(1) + "," + y(b[2]).toFixed(1)).concat([...s.band].reverse().map(b => x(b[0]).toFixed(1) + "," + y(b[1]).toFixed(1)));
      const area = svg("polygon", { class: "band", points: edge.join(" "), fill: colours[n % colours.length], "fill-opacity": 0.15, stroke: "none" });
      area.append(svg("title", {}, s.name + " band"));
      target.append(area);
    });
    series.forEach((s, n) => {
      const colour = colours[n % colours.length];
      const d = s.points.map((p, i) => (i === 0 ? "M" : "L") + x(p[0]).toFixed(1) + " " + y(p[1]).toFixed(1)).join("");
      const line = { d, fill: "none", stroke: colour, "stroke-width": 1.5 };
      if (s.dashed) line["stroke-dasharray"] = "5 3";
      target.append(svg("path", line));
      for (const [i, v] of s.points) {
        const dot = svg("circle", { class: "pt", cx: x(i).toFixed(1), cy: y(v).toFixed(1), r: 2, fill: colour });
        dot.append(svg("title", {}, s.name + " " + time(buckets[i]) + ": " + number(v)));
        target.append(dot);
      }
    });
  }

  function heatMap(target, buckets, drift) {
    target.replaceChildren();
    const features = [...new Set(drift.map(d => d.feature))].sort();
    const cells = new Map(drift.map(d => [d.feature + "|" + d.start, d]));
    const [labelWidth, row] = [150, 16];
    const cell = (960 - labelWidth - 8) / Math.max(1, buckets.length);
    target.setAttribute("viewBox", `0 0 960 ${Math.max(40, features.length * row + 8)}`);
    target.dataset.rows = features.length;
    target.dataset.columns = buckets.length;
    features.forEach((feature, f) => {
      target.append(svg("text", { x: labelWidth - 6, y: f * row + 12, "text-anchor": "end", class: "label" }, feature));
      buckets.forEach((bucket, b) => {
        const d = cells.get(feature + "|" + bucket);
        const share = d && d.tests > 0 ? d.drifted / d.tests : null;
        const fade = share === null ? null : Math.round(255 * (1 - share));
        const rect = svg("rect", { class: "cell", x: (labelWidth + b * cell).toFixed(2), y: f * row, width: cell.toFixed(2), height: row - 2, fill: share === null ? "#e5e7eb" : `rgb(255,${fade},${fade})` });
        rect.append(svg("title", {}, feature + " " + time(bucket) + ": " + (share === null ? "no drift test" : d.drifted + " of " + d.tests + " tests drifted")));
        target.append(rect);
      });
    });
  }

  function bars(target, distribution) {
    target.replaceChildren();
    const top = Math.max(...distribution.reference, ...distribution.current, 1e-9);
    const width = 460 / distribution.reference.length;
    distribution.reference.forEach((share, i) => {
      const rh = share / top * 130, ch = distribution.current[i] / top * 130;
      target.append(svg("rect", { class: "ref", x: (10 + i * width).toFixed(1), y: (140 - rh).toFixed(1), width: (width / 2 - 1).toFixed(1), height: rh.toFixed(1), fill: "#94a3b8" }));
      target.append(svg("rect", { class: "cur", x: (10 + i * width + width / 2).toFixed(1), y: (140 - ch).toFixed(1), width: (width / 2 - 1).toFixed(1), height: ch.toFixed(1), fill: "#2563eb" }));
    });
    target.append(svg("text", { x: 10, y: 154, class: "label" }, number(distribution.edges[0])));
    target.append(svg("text", { x: 470, y: 154, "text-anchor": "end", class: "label" }, number(distribution.edges[distribution.edges.length - 1]) + "  (n = " + distribution.referenceCount + " / " + distribution.currentCount + ")"));
  }

  async function showModel(name) {
    selected = name;
    document.getElementById("detail").hidden = false;
    document.getElementById("model-title").textContent = name;
    for (const row of document.querySelectorAll("#models tr.model")) row.classList.toggle("selected", row.dataset.model === name);
    const resolution = document.getElementById("resolution").value;
    const t = await api("models/" + encodeURIComponent(name) + "/trends?resolution=" + resolution);
    const buckets = [...new Set([...t.volume, ...t.health, ...t.performance, ...t.estimated, ...t.drift].map(p => p.start))].sort();
    const at = start => buckets.indexOf(start);
    lineChart(document.getElementById("chart-health"), buckets, [{ name: "mean", points: t.health.map(p => [at(p.start), p.mean]) }, { name: "lowest", points: t.health.map(p => [at(p.start), p.min]) }]);
    lineChart(document.getElementById("chart-throughput"), buckets, [{ name: "predictions", points: t.volume.map(p => [at(p.start), p.predictions]) }]);
    lineChart(document.getElementById("chart-latency"), buckets, ["p50", "p95", "p99"].map(q => ({ name: q, points: t.volume.map(p => [at(p.start), p[q]]) })));
    lineChart(document.getElementById("chart-errors"), buckets, [{ name: "error rate", points: t.volume.map(p => [at(p.start), p.errorRate]) }]);
    const metrics = [...new Set(t.performance.map(p => p.metric))].sort();
    const estimates = [...new Set(t.estimated.map(p => p.metric))].sort();
    lineChart(document.getElementById("chart-performance"), buckets, [
      ...metrics.map(m => ({ name: m, points: t.performance.filter(p => p.metric === m).map(p => [at(p.start), p.value]) })),
      ...estimates.map(m => {
        const points = t.estimated.filter(p => p.metric === m);
        return {
          name: m, dashed: true,
          points: points.map(p => [at(p.start), p.value]),
          band: points.filter(p => p.lower !== null && p.upper !== null).map(p => [at(p.start), p.lower, p.upper]),
        };
      })]);
    heatMap(document.getElementById("drift"), buckets, t.drift);
    const features = await api("models/" + encodeURIComponent(name) + "/features");
    const select = document.getElementById("feature");
    select.replaceChildren(...features.map(f => el("option", { value: f }, f)));
    await showDistribution();
  }

  async function showDistribution() {
    const feature = document.getElementById("feature").value;
    const target = document.getElementById("chart-distribution");
    if (!selected || !feature) { target.replaceChildren(); return; }
    bars(target, await api("models/" + encodeURIComponent(selected) + "/distribution?feature=" + encodeURIComponent(feature)));
  }

  async function refresh() {
    const models = await api("models");
    const body = document.querySelector("#models tbody");
    body.replaceChildren(...models.map(m => {
      const row = el("tr", { class: "model", "data-model": m.name });
      row.append(el("td", {}, m.name), el("td", {}, m.version));
      const health = m.health;
      row.append(el("td", { class: health ? health.status : "muted" }, health ? health.score.toFixed(0) + " " + health.status : "no window yet"));
      row.append(el("td", {}, health ? health.reasons.map(r => r.message).join("; ") : ""));
      row.addEventListener("click", () => showModel(m.name));
      return row;
    }));
    const active = await api("alerts");
    document.querySelector("#alerts tbody").replaceChildren(...active.map(a => {
      const row = el("tr", { "data-alert": a.id });
      row.append(el("td", {}, time(a.startedAt)), el("td", {}, a.model), el("td", { class: a.severity }, a.severity), el("td", { class: "state" }, a.state), el("td", {}, a.name), el("td", {}, a.message));
      const actions = el("td");
      if (a.state === "Firing") {
        const ack = el("button", { class: "acknowledge" }, "Acknowledge");
        ack.addEventListener("click", async () => { await post("alerts/" + encodeURIComponent(a.id) + "/acknowledge"); await refresh(); });
        actions.append(ack);
      }
      const silence = el("button", { class: "silence" }, "Silence 1 h");
      silence.addEventListener("click", async () => { await post("silences", { model: a.model, alertName: a.name, minutes: 60, comment: "from the dashboard" }); await refresh(); });
      actions.append(silence);
      row.append(actions);
      return row;
    }));
    const history = await api("alerts/history");
    document.querySelector("#history tbody").replaceChildren(...history.map(a => {
      const row = el("tr");
      row.append(el("td", {}, time(a.timestamp)), el("td", {}, a.model), el("td", { class: a.severity }, a.severity), el("td", {}, a.state), el("td", {}, a.name), el("td", {}, a.message));
      return row;
    }));
    document.getElementById("updated").textContent = "updated " + new Date().toLocaleTimeString();
    if (selected === null && models.length > 0) await showModel(models[0].name);
    document.body.dataset.ready = "true";
  }

  document.getElementById("resolution").addEventListener("change", () => selected && showModel(selected));
  document.getElementById("feature").addEventListener("change", showDistribution);
  refresh();
  setInterval(() => refresh().catch(error => console.warn(error)), 30000);
})();
