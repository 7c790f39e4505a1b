// Concordance search in the translation memory (Ctrl+K): any words, the
// selected text by default; the server marks every occurrence and the
// results are drawn as text nodes and <mark> elements.
(function () {
  "use strict";
  var ed = window.pressroomEditor, tools = window.pressroomTools;
  if (!ed || !tools) return;
  var TT = tools.TT, fill = ed.fill, fmt = tools.fmt;
  var dialog = document.getElementById("conc-dialog"), q = document.getElementById("conc-q");
  var body = document.getElementById("conc-list"), stateEl = document.getElementById("conc-state");

  function runs(cell, rs) {
    rs.forEach(function (r) {
      if (r.hit) {
        var m = document.createElement("mark");
        m.textContent = r.text;
        cell.appendChild(m);
      } else {
        cell.appendChild(document.createTextNode(r.text));
      }
    });
  }

  function search() {
    var words = q.value.trim();
    if (!words) return;
    stateEl.textContent = TT.ConcordanceBusy;
    body.textContent = "";
    ed.call("GET", "/editions/" + ed.editionID + "/concordance?q=" + encodeURIComponent(words)).then(function (r) {
      if (r.status !== 200) { stateEl.textContent = (r.body.error && r.body.error.message) || TT.ToolsFailed; return; }
      var hits = r.body.hits || [];
      stateEl.textContent = hits.length ? fill(TT.ConcordanceCount, { n: fmt(hits.length) }) : TT.ConcordanceNone;
      stateEl.setAttribute("data-n", hits.length);
      hits.forEach(function (h) {
        var tr = document.createElement("tr");
        var s = document.createElement("td"), t = document.createElement("td");
        runs(s, h.source);
        runs(t, h.target);
        tr.appendChild(s);
        tr.appendChild(t);
        body.appendChild(tr);
      });
    }, function () { stateEl.textContent = TT.ToolsFailed; });
  }

  function open() {
    var sel = String(window.getSelection() || "").trim();
    if (sel && sel.length < 200) q.value = sel;
    if (!dialog.open) dialog.showModal();
    q.focus();
    q.select();
    if (q.value) search();
  }

  document.getElementById("conc-open").addEventListener("click", open);
  document.getElementById("conc-form").addEventListener("submit", function (e) { e.preventDefault(); search(); });
  document.addEventListener("keydown", function (e) {
    if (e.ctrlKey && !e.altKey && !e.shiftKey && (e.key === "k" || e.key === "K")) {
      e.preventDefault();
      open();
    }
  });
})();
