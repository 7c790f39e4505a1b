// The editor's article-scale tools: filters with counts, find (with
// highlights and F3), unknown-word highlights, the preview panel and the
// batch approval of memory matches. Works over the server-rendered rows
// (their data attributes) through window.pressroomEditor (app.js); it never
// re-renders the article, and highlights use the CSS Custom Highlight API,
// so the editable text's DOM is never touched.
(function () {
  "use strict";
  var ed = window.pressroomEditor;
  var bar = document.getElementById("ed-tools");
  if (!ed || !bar) return;
  var TT = JSON.parse(document.getElementById("tools-i18n").textContent);
  var fill = ed.fill, fmt = function (n) { return ed.numberFmt.format(n); };
  var tools = (window.pressroomTools = { TT: TT, fmt: fmt });
  var state = document.getElementById("tools-state");
  tools.say = function (msg) { state.textContent = msg; };

  // ---- filters ------------------------------------------------------------
  var filter = document.getElementById("filter");
  var shown = document.getElementById("filter-shown");
  // Each test reads a segment: its row's data attributes, and the QA
  // counts app.js keeps current as findings are re-checked.
  var tests = {
    all: function () { return true; },
    open: function (s) { return s.el.getAttribute("data-status") !== "approved"; },
    comments: function (s) { return +s.el.getAttribute("data-comments") > 0; },
    changed: function (s) { return s.el.hasAttribute("data-changed"); },
    "qa:error": function (s) { return (s.errors !== undefined ? s.errors : +s.el.getAttribute("data-errors")) > 0; },
    "qa:warning": function (s) { return (s.warnings !== undefined ? s.warnings : +s.el.getAttribute("data-warnings")) > 0; },
  };
  function test(v) {
    if (tests[v]) return tests[v];
    var kv = v.split(":");
    var attr = kv[0] === "status" ? "data-status" : "data-kind";
    return function (s) { return s.el.getAttribute(attr) === kv[1]; };
  }
  // findMatch is set by find: a segment must match it too.
  var findMatch = null;
  tools.setFind = function (fn) { findMatch = fn; apply(); };

  // apply shows the segments that pass the filter (and the find), hides the
  // others and the blocks left empty, and recounts every option.
  function apply() {
    var t = test(filter.value), n = 0;
    ed.segs.forEach(function (s) {
      var on = t(s) && (!findMatch || findMatch(s));
      if (s.el.hidden === on) s.el.hidden = !on;
      if (on) n++;
    });
    document.querySelectorAll("section.block").forEach(function (b) {
      var any = b.querySelector("article.seg:not([hidden])") !== null;
      if (b.hidden === any) b.hidden = !any;
    });
    shown.textContent = fill(TT.FilterShown, { shown: fmt(n), total: fmt(ed.segs.length) });
    shown.setAttribute("data-shown", n);
    recount();
  }
  function recount() {
    filter.querySelectorAll("option").forEach(function (o) {
      var t = test(o.value), n = 0;
      ed.segs.forEach(function (s) { if (t(s)) n++; });
      o.textContent = o.getAttribute("data-label") + " (" + fmt(n) + ")";
      o.setAttribute("data-count", n);
    });
    var am = document.getElementById("approve-memory");
    var exact = ed.segs.filter(function (s) { return s.el.hasAttribute("data-exact") && s.status === "draft"; }).length;
    am.textContent = fill(TT.ApproveMemory, { n: fmt(exact) });
    am.disabled = exact === 0;
  }
  // A save or a live update changes counts: recount once per frame at most.
  var pending = false;
  document.addEventListener("seg-updated", function () {
    if (pending) return;
    pending = true;
    requestAnimationFrame(function () { pending = false; recount(); });
  });
  filter.addEventListener("change", apply);
  tools.apply = apply;

  // ---- highlights -----------------------------------------------------------
  var canHighlight = !!(window.CSS && CSS.highlights && window.Highlight);
  // rangesIn finds every match of re in an element's text nodes.
  function rangesIn(el, re) {
    var out = [];
    var walk = document.createTreeWalker(el, NodeFilter.SHOW_TEXT);
    for (var n = walk.nextNode(); n; n = walk.nextNode()) {
      if (n.parentNode.closest(".tag")) continue;
      re.lastIndex = 0;
      var m;
      while ((m = re.exec(n.nodeValue)) !== null) {
        if (m[0] === "") { re.lastIndex++; continue; }
        var r = new Range();
        r.setStart(n, m.index);
        r.setEnd(n, m.index + m[0].length);
        out.push(r);
      }
    }
    return out;
  }
  tools.rangesIn = rangesIn;
  function escapeRe(s) { return s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&"); }
  tools.escapeRe = escapeRe;

  // Unknown words: the ones the engine's notes name, while still in the draft.
  var unknown = canHighlight ? new Highlight() : null;
  var unknownBySeg = new Map();
  function markUnknown(s) {
    var words = s.el.getAttribute("data-unknown");
    if (!unknown || !words) return;
    (unknownBySeg.get(s) || []).forEach(function (r) { unknown.delete(r); });
    var list = JSON.parse(words);
    if (!list.length) return;
    var re = new RegExp("(^|[^\\p{L}\\p{N}])(" + list.map(escapeRe).join("|") + ")(?![\\p{L}\\p{N}])", "gu");
    var rs = [];
    rangesIn(s.target, re).forEach(function (r) {
      // Drop the leading separator the pattern needed.
      var text = r.toString();
      var sep = text.length - text.replace(/^[^\p{L}\p{N}]+/u, "").length;
      if (sep) r.setStart(r.startContainer, r.startOffset + sep);
      rs.push(r);
      unknown.add(r);
    });
    unknownBySeg.set(s, rs);
  }
  if (unknown) {
    CSS.highlights.set("unknown-word", unknown);
    ed.segs.forEach(function (s) {
      if (!s.el.hasAttribute("data-unknown")) return;
      markUnknown(s);
      var t = 0;
      s.target.addEventListener("input", function () { clearTimeout(t); t = setTimeout(function () { markUnknown(s); }, 300); });
    });
  }
  tools.findHighlight = canHighlight ? new Highlight() : null;
  if (tools.findHighlight) CSS.highlights.set("find-hit", tools.findHighlight);

  // ---- preview --------------------------------------------------------------
  var panel = document.getElementById("preview-panel");
  var toggle = document.getElementById("preview-toggle");
  var content = document.getElementById("preview-content");
  function loadPreview() {
    content.textContent = TT.PreviewLoading;
    fetch("/editions/" + ed.editionID + "/preview", { credentials: "same-origin", headers: { Accept: "text/html" } })
      .then(function (r) { if (!r.ok) throw new Error(r.status); return r.text(); })
      .then(function (html) {
        // A page rendered by html/template and publish.BodyHTML: take its body.
        var doc = new DOMParser().parseFromString(html, "text/html");
        var body = doc.getElementById("preview-body");
        content.textContent = "";
        if (body) content.append.apply(content, Array.prototype.map.call(body.childNodes, function (n) { return document.importNode(n, true); }));
        content.setAttribute("data-loaded", "1");
      })
      .catch(function () { content.textContent = TT.ToolsFailed; });
  }
  function togglePreview() {
    var open = panel.hidden;
    panel.hidden = !open;
    toggle.setAttribute("aria-expanded", open ? "true" : "false");
    if (open) loadPreview();
  }
  toggle.addEventListener("click", togglePreview);
  // Live: while open, the preview follows saves, approvals and live updates
  // (at most one reload a second).
  var previewTimer = 0;
  document.addEventListener("seg-updated", function () {
    if (panel.hidden) return;
    clearTimeout(previewTimer);
    previewTimer = setTimeout(loadPreview, 1000);
  });
  document.getElementById("preview-refresh").addEventListener("click", loadPreview);

  // ---- approve memory matches -------------------------------------------------
  var amDialog = document.getElementById("approve-memory-dialog");
  var amButton = document.getElementById("approve-memory");
  function openApproveMemory() {
    if (amButton.disabled) return;
    var n = ed.segs.filter(function (s) { return s.el.hasAttribute("data-exact") && s.status === "draft"; }).length;
    var text = document.getElementById("am-text");
    text.textContent = fill(TT.ApproveMemoryConfirm, { n: fmt(n) });
    text.setAttribute("data-n", n);
    amDialog.showModal();
    document.getElementById("am-apply").focus();
  }
  amButton.addEventListener("click", openApproveMemory);
  document.getElementById("am-cancel").addEventListener("click", function () { amDialog.close(); });
  document.getElementById("am-apply").addEventListener("click", function () {
    amDialog.close();
    tools.say("…");
    ed.call("POST", "/editions/" + ed.editionID + "/approve-memory", {}).then(function (r) {
      if (r.status !== 200) { tools.say((r.body.error && r.body.error.message) || TT.ToolsFailed); return; }
      r.body.results.forEach(function (res) {
        if (res.ok) {
          ed.accept(res.segment, TT.ApproveMemoryDone);
          var s = ed.byID[res.id];
          if (s) s.el.removeAttribute("data-exact");
        } else if (res.error && ed.byID[res.id]) {
          ed.setState(ed.byID[res.id], res.error.message, "error");
        }
      });
      tools.say(fill(TT.ApproveMemoryResult, { approved: fmt(r.body.approved), failed: fmt(r.body.failed) }));
      recount();
    }, function () { tools.say(TT.ToolsFailed); });
  });

  // ---- keyboard -----------------------------------------------------------------
  document.addEventListener("keydown", function (e) {
    if (document.querySelector("dialog[open]") && e.key !== "Escape") return;
    if (e.altKey && !e.ctrlKey && !e.shiftKey && (e.key === "l" || e.key === "L" || e.code === "KeyL")) {
      e.preventDefault();
      filter.focus();
    } else if (e.altKey && !e.ctrlKey && !e.shiftKey && (e.key === "p" || e.key === "P" || e.code === "KeyP")) {
      e.preventDefault();
      togglePreview();
    } else if (e.altKey && e.shiftKey && !e.ctrlKey && e.code === "KeyA") {
      e.preventDefault();
      openApproveMemory();
    } else if (e.key === "Escape" && !panel.hidden && !document.querySelector("dialog[open]")) {
      togglePreview();
    }
  });

  apply();
})();
