// The page's behaviour: the editor and its line marks, the typeset preview, the check as a stream of events,
// and the link that reproduces a check. Every piece of HTML it shows comes from the server, already rendered
// and escaped (verifier/serve/fragments.py); this file only places it.
"use strict";

(() => {
  const $ = (id) => document.getElementById(id);
  const text = $("text");
  const clientId = sessionStorage.getItem("verifier-client") || Math.random().toString(36).slice(2) + Date.now().toString(36);
  sessionStorage.setItem("verifier-client", clientId);
  const marks = new Map(); // editor line -> "wrong" | "refuted" | "error" | "ok", from the check
  let hints = new Map(); // editor line -> "error", from the bounds the preview reports as you type
  let running = null; // the AbortController of the check in progress
  let checked = null; // the text of the last check: its own errors stand for it, not the preview's
  let examples = [];

  // ---- the editor: line numbers and marks behind the text, kept in step with its scrolling
  function drawLines() {
    const count = text.value.split("\n").length;
    const gutter = [];
    const backdrop = [];
    for (let line = 1; line <= count; line++) {
      const cls = marks.get(line) || hints.get(line) || "";
      gutter.push(`<div class="${cls}" data-line="${line}">${line}</div>`);
      backdrop.push(`<div class="${cls}" data-line="${line}"> </div>`);
    }
    $("gutter").innerHTML = gutter.join("");
    $("marks").innerHTML = backdrop.join("");
    follow();
  }
  function follow() {
    $("gutter").scrollTop = text.scrollTop;
    $("marks").scrollTop = text.scrollTop;
    $("marks").scrollLeft = text.scrollLeft;
  }
  const RANK = { ok: 1, refuted: 2, wrong: 3, error: 3 };
  function mark(line, cls) {
    if (!line) return;
    if ((RANK[marks.get(line)] || 0) > RANK[cls]) return; // a verdict never hides a problem on the same line
    marks.set(line, cls);
    paint(line, cls);
  }
  function paint(line, cls) {
    const sel = `#gutter [data-line="${line}"], #marks [data-line="${line}"]`;
    document.querySelectorAll(sel).forEach((el) => { el.className = cls; });
    document.querySelectorAll(`.preview li[data-line="${line}"]`).forEach((li) => { li.className = cls; });
  }
  function goToLine(line) {
    const starts = text.value.split("\n").slice(0, line - 1).reduce((n, l) => n + l.length + 1, 0);
    text.focus();
    text.setSelectionRange(starts, starts);
    text.scrollTop = Math.max(0, (line - 4) * parseFloat(getComputedStyle(text).lineHeight));
    follow();
  }

  // ---- the typeset preview, a moment after typing stops
  let previewTimer = 0;
  function schedulePreview() {
    clearTimeout(previewTimer);
    previewTimer = setTimeout(preview, 350);
  }
  async function preview() {
    const response = await post("/preview", request());
    const data = await response.json().catch(() => ({}));
    $("preview").innerHTML = (data.lines || []).map((l) => l.html).join("");
    hints = new Map((data.errors || []).filter((e) => e.line).map((e) => [e.line, "error"]));
    drawLines();
    hints.forEach((cls, line) => paint(line, cls));
    marks.forEach((cls, line) => paint(line, cls));
    const fresh = text.value !== checked && (data.errors || []).length;
    $("hints").innerHTML = fresh ? data.html : ""; // the bounds, as you type
  }

  // ---- what a check sends, and the link that sends it again
  function request() {
    return {
      text: text.value,
      seed: Number.parseInt($("seed").value || "0", 10) || 0,
      format: $("format").value,
      name: $("name").value || "derivation",
    };
  }
  function post(path, body, signal) {
    return fetch(path, {
      method: "POST",
      headers: { "Content-Type": "application/json", "X-Verifier-Client": clientId },
      body: JSON.stringify(body),
      signal,
    });
  }
  function encode(value) {
    const bytes = new TextEncoder().encode(value);
    let binary = "";
    for (let i = 0; i < bytes.length; i += 8192) binary += String.fromCharCode(...bytes.subarray(i, i + 8192));
    return btoa(binary).replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");
  }
  function decode(value) {
    const binary = atob(value.replace(/-/g, "+").replace(/_/g, "/"));
    return new TextDecoder().decode(Uint8Array.from(binary, (c) => c.charCodeAt(0)));
  }
  function linkTo(req) {
    const params = new URLSearchParams({ seed: String(req.seed), format: req.format, name: req.name, text: encode(req.text) });
    return `${location.origin}${location.pathname}#${params.toString()}`;
  }
  function fromLink() {
    if (!location.hash) return false;
    const params = new URLSearchParams(location.hash.slice(1));
    if (!params.has("text")) return false;
    try {
      text.value = decode(params.get("text"));
    } catch (err) {
      $("status").textContent = "the link's text could not be read";
      return false;
    }
    $("seed").value = params.get("seed") || "0";
    $("format").value = params.get("format") === "tex" ? "tex" : "md";
    $("name").value = params.get("name") || "derivation";
    return true;
  }

  // ---- the check: a stream of server-sent events over one POST
  const handlers = {
    progress: (d) => { $("status").textContent = d.message; },
    parsed: (d) => {
      $("results").innerHTML = d.html || "";
      showErrors({ errors: d.errors, html: d.errors_html });
      if (!d.verify) $("status").textContent = d.errors.length ? "the derivation could not be read" : "nothing to check";
    },
    step: (d) => {
      const row = $(`chain-${d.chain}-step-${d.index}`);
      if (row) row.outerHTML = d.html;
      mark(d.line, d.wrong ? "wrong" : d.status === "REFUTED" ? "refuted" : d.status === "ERROR" ? "error" : "ok");
    },
    diagnosis: (d) => handlers.step(d),  // the first wrong step again, with why, after its verdict
    chain: (d) => {
      const box = $(`chain-${d.chain}-result`);
      if (box) box.innerHTML = d.html;
      if (d.wrong_line) mark(d.wrong_line, "wrong");
      if (d.status === "ERROR") mark(d.line, "error");
    },
    failed: (d) => { $("results").insertAdjacentHTML("beforeend", d.html); },
    done: (d) => {
      const counts = {};
      Object.values(d.chains || {}).forEach((s) => { counts[s] = (counts[s] || 0) + 1; });
      const told = Object.entries(counts).map(([s, n]) => `${n} ${s}`).join(", ");
      $("status").textContent = told ? `done: ${told}` : "done";
    },
  };
  function showErrors(data) {
    $("errors").innerHTML = data.html || "";
    (data.errors || []).forEach((e) => mark(e.line, "error"));
  }
  async function check() {
    if (running) running.abort();
    const controller = new AbortController();
    running = controller;
    marks.clear();
    drawLines();
    checked = text.value;
    $("hints").innerHTML = "";
    $("errors").innerHTML = "";
    $("results").innerHTML = "";
    $("status").textContent = "sending…";
    const req = request();
    $("share").innerHTML = "";
    $("share").append("Link to this check: ");
    const a = document.createElement("a");
    a.href = linkTo(req);
    a.textContent = "reproduce";
    $("share").append(a);
    try {
      const response = await post("/check", req, controller.signal);
      if (!response.ok) return refused(response);
      await readEvents(response.body.getReader(), controller);
    } catch (err) {
      if (err.name !== "AbortError") $("status").textContent = `the check stopped: ${err.message}`;
    } finally {
      if (running === controller) running = null;
    }
  }
  async function refused(response) {
    const data = await response.json().catch(() => ({ errors: [] }));
    showErrors(data);
    const wait = response.headers.get("Retry-After");
    $("status").textContent = response.status === 429 ? `busy: try again in ${wait} s` : "the derivation was not checked";
  }
  async function readEvents(reader, controller) {
    const decoder = new TextDecoder();
    let buffer = "";
    for (;;) {
      const { value, done } = await reader.read();
      if (done || controller.signal.aborted) return;
      buffer += decoder.decode(value, { stream: true });
      let cut;
      while ((cut = buffer.indexOf("\n\n")) >= 0) {
        dispatch(buffer.slice(0, cut));
        buffer = buffer.slice(cut + 2);
      }
    }
  }
  function dispatch(block) {
    let name = "message";
    let data = "";
    for (const line of block.split("\n")) {
      if (line.startsWith("event: ")) name = line.slice(7);
      else if (line.startsWith("data: ")) data += line.slice(6);
    }
    if (handlers[name] && data) handlers[name](JSON.parse(data));
  }

  // ---- wiring
  async function loadExamples() {
    const response = await fetch("/examples");
    examples = await response.json();
    const select = $("example");
    examples.forEach((ex, i) => {
      const option = document.createElement("option");
      option.value = String(i);
      option.textContent = `${ex.name}.${ex.format}: ${ex.title}`;
      select.append(option);
    });
  }
  $("example").addEventListener("change", (e) => {
    const ex = examples[Number(e.target.value)];
    if (!ex) return;
    text.value = ex.text;
    $("format").value = ex.format;
    $("name").value = ex.name;
    marks.clear();
    drawLines();
    schedulePreview();
  });
  $("check").addEventListener("click", check);
  $("link").addEventListener("click", async () => {
    const url = linkTo(request());
    history.replaceState(null, "", url);
    try {
      await navigator.clipboard.writeText(url);
      $("status").textContent = "link copied";
    } catch (err) {
      $("status").textContent = "the link is in the address bar";
    }
  });
  ["errors", "hints"].forEach((id) => $(id).addEventListener("click", (e) => {
    const item = e.target.closest("[data-line]");
    if (item) goToLine(Number(item.dataset.line));
  }));
  $("results").addEventListener("click", (e) => {
    const item = e.target.closest("li[data-line]");
    if (item) goToLine(Number(item.dataset.line));
  });
  text.addEventListener("input", () => { drawLines(); schedulePreview(); });
  text.addEventListener("scroll", follow);
  text.addEventListener("keydown", (e) => {
    if (e.key === "Enter" && (e.ctrlKey || e.metaKey)) check();
  });
  loadExamples().catch(() => {});
  const linked = fromLink();
  drawLines();
  schedulePreview();
  if (linked) check();
})();
