// Find and replace-all in the editor. Find filters the rows to the segments
// that match (in the translation, the source or both) and highlights the
// hits; replace-all previews every change, then saves them in one request
// (each segment through the workflow's save at its own version; refusals and
// conflicts come back per segment) and keeps one undo, which saves the
// previous texts back the same way. Placeholders (inline tags) are never
// touched: only the text between them is searched and replaced.
(function () {
  "use strict";
  var ed = window.pressroomEditor, tools = window.pressroomTools;
  if (!ed || !tools) return;
  var TT = tools.TT, fill = ed.fill, fmt = tools.fmt;
  var find = document.getElementById("find"), scope = document.getElementById("find-in");
  var useCase = document.getElementById("find-case"), whole = document.getElementById("find-word");
  var repl = document.getElementById("replace"), count = document.getElementById("find-count");
  var dialog = document.getElementById("replace-dialog"), list = document.getElementById("replace-list");
  var undoBtn = document.getElementById("replace-undo");

  // pattern is the search as a global RegExp, or null when empty.
  function pattern() {
    var q = find.value;
    if (!q) return null;
    var src = tools.escapeRe(q);
    if (whole.checked) src = "(?<![\\p{L}\\p{N}_])" + src + "(?![\\p{L}\\p{N}_])";
    return new RegExp(src, "gu" + (useCase.checked ? "" : "i"));
  }

  // plain is tagged text without its placeholders, as the translator reads it.
  function plain(tagged) { return ed.unescapeText(tagged.replace(ed.PH, "")); }
  function has(re, tagged) { re.lastIndex = 0; return re.test(plain(tagged)); }

  function matches(s, re) {
    var w = scope.value;
    return ((w === "target" || w === "both") && has(re, ed.serialize(s.target))) ||
      ((w === "source" || w === "both") && has(re, ed.serialize(s.source)));
  }

  // run applies the search: rows, highlights and count.
  function run() {
    var re = pattern();
    var hl = tools.findHighlight;
    if (hl) hl.clear();
    ed.segs.forEach(function (s) { s.el.classList.remove("find-hit"); });
    if (!re) {
      count.textContent = "";
      count.setAttribute("data-n", 0);
      count.setAttribute("data-q", "");
      tools.setFind(null);
      return;
    }
    var hits = new Set();
    ed.segs.forEach(function (s) {
      if (!matches(s, re)) return;
      hits.add(s);
      s.el.classList.add("find-hit");
      if (!hl) return;
      var w = scope.value;
      if (w !== "source") tools.rangesIn(s.target, new RegExp(re.source, re.flags)).forEach(function (r) { hl.add(r); });
      if (w !== "target") tools.rangesIn(s.source, new RegExp(re.source, re.flags)).forEach(function (r) { hl.add(r); });
    });
    var n = hits.size;
    tools.setFind(function (s) { return hits.has(s); });
    count.textContent = n ? fill(TT.FindCount, { n: fmt(n) }) : TT.FindNone;
    count.setAttribute("data-n", n);
    count.setAttribute("data-q", find.value);
  }
  var timer = 0;
  function later() { clearTimeout(timer); timer = setTimeout(run, 200); }
  find.addEventListener("input", later);
  [scope, useCase, whole].forEach(function (el) { el.addEventListener("change", run); });
  find.addEventListener("keydown", function (e) {
    if (e.key === "Enter") { e.preventDefault(); run(); nextHit(1); }
  });

  // replaceIn replaces in the text between placeholders only.
  function replaceIn(tagged, re, by) {
    return tagged.split(/(<\/?\d+\/?>)/).map(function (part, i) {
      if (i % 2) return part;
      re.lastIndex = 0;
      return ed.escapeText(ed.unescapeText(part).replace(re, function () { return by; }));
    }).join("");
  }

  // previewItem draws a segment's text with each hit struck and its
  // replacement inserted, all as text nodes.
  function previewItem(s, re, by) {
    var li = document.createElement("li");
    li.setAttribute("data-id", s.id);
    var num = document.createElement("strong");
    num.textContent = s.el.querySelector(".num").textContent + " ";
    li.appendChild(num);
    var text = plain(ed.serialize(s.target)), last = 0, m;
    re.lastIndex = 0;
    while ((m = re.exec(text)) !== null) {
      if (m[0] === "") { re.lastIndex++; continue; }
      li.appendChild(document.createTextNode(text.slice(last, m.index)));
      var del = document.createElement("del");
      del.textContent = m[0];
      var ins = document.createElement("ins");
      ins.textContent = by;
      li.appendChild(del);
      li.appendChild(ins);
      last = m.index + m[0].length;
    }
    li.appendChild(document.createTextNode(text.slice(last)));
    return li;
  }

  var planned = [];
  function preview() {
    var re = pattern();
    if (!re) { find.focus(); return; }
    var by = repl.value;
    planned = [];
    list.textContent = "";
    ed.segs.forEach(function (s) {
      if (s.el.hidden || s.status === "pending" || s.dirty || s.inflight || !s.conflict.hidden) return;
      var before = ed.serialize(s.target);
      if (!has(re, before)) return;
      var after = replaceIn(before, new RegExp(re.source, re.flags), by);
      if (after === before) return;
      planned.push({ s: s, before: before, after: after, version: s.version });
      list.appendChild(previewItem(s, new RegExp(re.source, re.flags), by));
    });
    document.getElementById("replace-summary").textContent = planned.length ? fill(TT.ReplaceSummary, { n: fmt(planned.length) }) : TT.ReplaceNothing;
    document.getElementById("replace-apply").disabled = planned.length === 0;
    dialog.showModal();
    (planned.length ? document.getElementById("replace-apply") : document.getElementById("replace-cancel")).focus();
  }

  // send saves edits in one request and applies the per-segment results;
  // it resolves to the edits that were saved, with their new versions.
  function send(edits, doneMsg) {
    tools.say("…");
    return ed.call("POST", "/editions/" + ed.editionID + "/replace", {
      edits: edits.map(function (x) { return { id: x.s.id, target: x.target, version: x.version }; }),
    }).then(function (r) {
      if (r.status !== 200) { tools.say((r.body.error && r.body.error.message) || TT.ToolsFailed); return []; }
      var saved = [];
      r.body.results.forEach(function (res, i) {
        var x = edits[i], s = ed.byID[res.id];
        if (!s) return;
        if (res.ok) {
          ed.accept(res.segment, doneMsg);
          saved.push({ s: s, previous: x.previous, version: res.segment.version });
        } else {
          if (res.error.current) ed.accept(res.error.current);
          ed.setState(s, res.error.message, "error");
        }
      });
      tools.say(fill(TT.ReplaceResult, { saved: fmt(r.body.saved), failed: fmt(r.body.failed) }));
      run();
      return saved;
    }, function () { tools.say(TT.ToolsFailed); return []; });
  }

  var undo = null; // the last replace-all's saved edits
  function apply() {
    dialog.close();
    var edits = planned.map(function (p) { return { s: p.s, target: p.after, previous: p.before, version: p.version }; });
    planned = [];
    if (!edits.length) return;
    send(edits, TT.ReplaceDone).then(function (saved) {
      undo = saved.length ? saved : null;
      undoBtn.hidden = !undo;
    });
  }
  function undoLast() {
    if (!undo) return;
    var edits = undo.map(function (u) { return { s: u.s, target: u.previous, version: u.version }; });
    undo = null;
    undoBtn.hidden = true;
    send(edits, TT.ReplaceUndone);
  }

  // nextHit moves to the next (d=1) or previous (d=-1) shown segment.
  function nextHit(d) {
    var shown = ed.segs.filter(function (s) { return !s.el.hidden; });
    if (!shown.length) return;
    var cur = document.activeElement && document.activeElement.closest ? document.activeElement.closest("article.seg") : null;
    var i = -1;
    shown.forEach(function (s, k) { if (s.el === cur) i = k; });
    var j = i < 0 ? (d > 0 ? 0 : shown.length - 1) : (i + d + shown.length) % shown.length;
    ed.focusSeg(shown[j]);
  }

  document.getElementById("replace-preview").addEventListener("click", preview);
  document.getElementById("replace-apply").addEventListener("click", apply);
  document.getElementById("replace-cancel").addEventListener("click", function () { dialog.close(); });
  undoBtn.addEventListener("click", undoLast);
  repl.addEventListener("keydown", function (e) { if (e.key === "Enter") { e.preventDefault(); preview(); } });

  document.addEventListener("keydown", function (e) {
    if (document.querySelector("dialog[open]")) return;
    if (e.ctrlKey && !e.altKey && !e.shiftKey && (e.key === "f" || e.key === "F")) {
      e.preventDefault();
      find.focus();
      find.select();
    } else if (e.ctrlKey && !e.altKey && !e.shiftKey && (e.key === "h" || e.key === "H")) {
      e.preventDefault();
      repl.focus();
      repl.select();
    } else if (e.key === "F3") {
      e.preventDefault();
      nextHit(e.shiftKey ? -1 : 1);
    } else if (e.altKey && e.shiftKey && !e.ctrlKey && e.code === "KeyZ") {
      e.preventDefault();
      undoLast();
    }
  });
})();
