// pressroom's editor script: saving without reloads, keyboard commands, live
// updates, claims and conflict resolution. Plain JavaScript, no build step.
// Everything it puts on the page is text nodes or server-rendered, escaped
// fragments; it never turns strings from the network into HTML.
(function () {
  "use strict";

  var csrfMeta = document.querySelector('meta[name="csrf-token"]');
  var csrf = csrfMeta ? csrfMeta.content : "";

  // ---- tagged text ------------------------------------------------------
  // Tagged text is text with &lt; &gt; &amp; escapes and placeholders <1>,
  // </1>, <2/> for inline markup. In the editor a placeholder is an atomic
  // token (contenteditable=false), so it can be moved but not broken.

  var PH = /<(\/?)(\d+)(\/?)>/g;

  function unescapeText(s) {
    return s.replace(/&lt;/g, "<").replace(/&gt;/g, ">").replace(/&amp;/g, "&");
  }
  function escapeText(s) {
    return s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
  }

  // tokenNode draws placeholder ph with the label the server gave for it.
  function tokenNode(ph, tags) {
    var span = document.createElement("span");
    var info = tags[ph] || { label: ph.replace(/[<>]/g, "") };
    span.className = "tag " + (ph.charAt(1) === "/" ? "tag-close" : ph.slice(-2) === "/>" ? "tag-self" : "tag-open");
    span.contentEditable = "false";
    span.draggable = true;
    span.setAttribute("data-ph", ph);
    span.textContent = info.label;
    if (info.title) span.title = info.title;
    return span;
  }

  // fragment turns tagged text into DOM nodes.
  function fragment(tagged, tags) {
    var frag = document.createDocumentFragment();
    var last = 0;
    tagged.replace(PH, function (m, close, id, self, at) {
      if (at > last) frag.appendChild(document.createTextNode(unescapeText(tagged.slice(last, at))));
      frag.appendChild(tokenNode(m, tags));
      last = at + m.length;
      return m;
    });
    if (last < tagged.length) frag.appendChild(document.createTextNode(unescapeText(tagged.slice(last))));
    return frag;
  }

  // serialize reads tagged text back from an element.
  function serialize(el) {
    var out = "";
    el.childNodes.forEach(function (n) {
      if (n.nodeType === Node.TEXT_NODE) {
        out += escapeText(n.nodeValue.replace(/\u00a0/g, " "));
      } else if (n.nodeType === Node.ELEMENT_NODE) {
        var ph = n.getAttribute("data-ph");
        if (ph) out += ph;
        else if (n.tagName !== "BR") out += serialize(n);
      }
    });
    return out;
  }

  function setText(el, tagged, tags) {
    el.textContent = "";
    el.appendChild(fragment(tagged, tags));
  }

  // ---- the editor -------------------------------------------------------
  var root = document.getElementById("editor");
  if (!root) return;

  var editionID = root.getAttribute("data-edition");
  var me = root.getAttribute("data-me");
  var T = JSON.parse(document.getElementById("editor-i18n").textContent);
  var numberFmt = new Intl.NumberFormat(T.JSLang);
  var fill = function (s, vals) {
    return s.replace(/\{(\w+)\}/g, function (m, k) { return vals[k] !== undefined ? vals[k] : m; });
  };

  var segs = [];
  var byID = {};
  document.querySelectorAll("article.seg").forEach(function (el) {
    var s = {
      el: el,
      id: el.getAttribute("data-id"),
      version: parseInt(el.getAttribute("data-version"), 10),
      status: el.getAttribute("data-status"),
      tags: JSON.parse(el.getAttribute("data-tags") || "{}"),
      target: el.querySelector('[data-role="target"]'),
      source: el.querySelector('[data-role="source"]'),
      state: el.querySelector('[data-role="state"]'),
      conflict: el.querySelector('[data-role="conflict"]'),
      panel: el.querySelector('[data-role="panel"]'),
      qa: el.querySelector('[data-role="qa"]'),
      override: el.querySelector('[data-role="override"]'),
      reason: el.querySelector('[data-role="reason"]'),
      errors: el.querySelectorAll('[data-role="qa"] .qa-error').length,
      warnings: el.querySelectorAll('[data-role="qa"] .qa-warning').length,
      checkTimer: 0,
      checkSeq: 0,
      dirty: false,
      inflight: null, // the save or approval under way (a Promise)
      timer: 0,
      retry: 0,
      rejected: null, // text the server refused (422); not retried until it changes
    };
    s.saved = serialize(s.target);
    segs.push(s);
    byID[s.id] = s;
  });

  var current = segs[0] || null;
  var draftKey = function (s) { return "pressroom:draft:" + editionID + ":" + s.id; };

  function setState(s, msg, cls) {
    s.state.textContent = msg;
    s.state.className = "save-state" + (cls ? " " + cls : "");
  }

  function setStatus(s, status) {
    s.status = status;
    s.el.setAttribute("data-status", status);
    s.el.className = s.el.className.replace(/status-\w+/, "status-" + status);
    s.el.querySelector('[data-role="status"]').textContent = T["SegStatus_" + status] || status;
    s.el.setAttribute("data-changed", "1");
    updateProgress();
    s.el.dispatchEvent(new CustomEvent("seg-updated", { bubbles: true })); // the filters recount
  }

  function updateProgress() {
    var approved = segs.filter(function (s) { return s.status === "approved"; }).length;
    document.getElementById("progress").textContent =
      fill(T.JSProgress, { approved: numberFmt.format(approved), total: numberFmt.format(segs.length) });
  }

  // ---- quality checks -------------------------------------------------------
  // The findings of a segment are listed under it; they are checked again
  // as the translator types (debounced), and after every save.
  function renderQA(s, list) {
    s.qa.textContent = "";
    s.errors = 0;
    s.warnings = 0;
    (list || []).forEach(function (f) {
      var li = document.createElement("li");
      li.className = "qa-" + f.severity;
      li.setAttribute("data-code", f.code);
      var b = document.createElement("strong");
      b.textContent = f.label;
      var t = document.createElement("span");
      t.textContent = f.text;
      li.appendChild(b);
      li.appendChild(document.createTextNode(" "));
      li.appendChild(t);
      s.qa.appendChild(li);
      if (f.severity === "error") s.errors++;
      else if (f.severity === "warning") s.warnings++;
    });
    s.qa.hidden = !s.qa.firstChild;
    s.el.classList.toggle("has-errors", s.errors > 0);
    if (!s.errors) s.override.hidden = true;
    updateQASummary();
    s.el.dispatchEvent(new CustomEvent("seg-updated", { bubbles: true })); // the filters recount
  }

  function updateQASummary() {
    var e = 0, w = 0;
    segs.forEach(function (s) { e += s.errors; w += s.warnings; });
    var el = document.getElementById("qa-summary");
    if (el) el.textContent = fill(T.JSQASummary, { errors: numberFmt.format(e), warnings: numberFmt.format(w) });
  }

  function scheduleCheck(s) {
    clearTimeout(s.checkTimer);
    s.checkTimer = setTimeout(function () { runCheck(s); }, 350);
  }

  function runCheck(s) {
    clearTimeout(s.checkTimer);
    var seq = ++s.checkSeq;
    return call("POST", "/editions/" + editionID + "/segments/" + s.id + "/check", { target: serialize(s.target) })
      .then(function (r) {
        if (seq === s.checkSeq && r.status === 200) renderQA(s, r.body.qa);
      }, function () { /* offline: the next save or check updates the list */ });
  }

  var net = document.getElementById("net");
  function netProblem(on) {
    net.hidden = !on;
    net.textContent = on ? T.JSOffline : "";
  }

  // call sends JSON to the server; it resolves to {status, body} and rejects
  // only on a network failure.
  function call(method, url, body) {
    var opts = { method: method, credentials: "same-origin", keepalive: method !== "GET", headers: { Accept: "application/json", "X-CSRF-Token": csrf } };
    if (body !== undefined) {
      opts.headers["Content-Type"] = "application/json";
      opts.body = JSON.stringify(body);
    }
    return fetch(url, opts).then(function (resp) {
      return resp.json().catch(function () { return {}; }).then(function (b) { return { status: resp.status, body: b }; });
    });
  }

  // markDirty records an edit: it is kept in localStorage until the server
  // has it, so neither a network error nor a closed tab loses it.
  function markDirty(s) {
    var text = serialize(s.target);
    s.dirty = text !== s.saved;
    scheduleCheck(s);
    if (s.dirty) {
      try { localStorage.setItem(draftKey(s), JSON.stringify({ v: s.version, t: text })); } catch (e) { /* storage full or off */ }
      setState(s, T.JSNotSaved, "dirty");
      clearTimeout(s.timer);
      s.timer = setTimeout(function () { save(s); }, 1200);
    } else {
      forgetDraft(s);
      setState(s, "");
    }
  }

  function forgetDraft(s) {
    try { localStorage.removeItem(draftKey(s)); } catch (e) { /* ignore */ }
  }

  // after runs fn once the segment's request under way (if any) is done, so
  // a segment's requests never overtake each other.
  function after(s, fn) {
    var p = (s.inflight || Promise.resolve()).then(fn, fn);
    s.inflight = p;
    p.then(function () { if (s.inflight === p) s.inflight = null; });
    return p;
  }

  function save(s) {
    clearTimeout(s.timer);
    return after(s, function () {
      var text = serialize(s.target);
      if (text === s.saved || text === s.rejected || !s.conflict.hidden) return;
      setState(s, T.JSSaving, "busy");
      return call("POST", "/editions/" + editionID + "/segments/" + s.id, { target: text, version: s.version })
        .then(function (r) { return handle(s, r, text, false); }, function () { return networkFailed(s); });
    });
  }

  function approve(s, thenMove, reason) {
    clearTimeout(s.timer);
    return after(s, function () {
      if (!s.conflict.hidden) return;
      var text = serialize(s.target);
      var body = { version: s.version };
      if (text !== s.saved) body.target = text;
      if (reason) body.override_reason = reason;
      setState(s, T.JSApproving, "busy");
      return call("POST", "/editions/" + editionID + "/segments/" + s.id + "/approve", body)
        .then(function (r) {
          var ok = handle(s, r, text, true);
          if (ok && thenMove) moveToNextOpen(s);
        }, function () { return networkFailed(s); });
    });
  }

  // handle applies the server's answer to a save or approval.
  function handle(s, r, sent, approving) {
    netProblem(false);
    s.retry = 0;
    if (r.status === 200) {
      s.version = r.body.version;
      s.el.setAttribute("data-version", s.version);
      s.saved = sent;
      s.rejected = null;
      setStatus(s, r.body.status);
      if (r.body.origin === "human") setOrigin(s, T.OriginHuman, false);
      if (r.body.qa) renderQA(s, r.body.qa);
      s.override.hidden = true;
      s.reason.value = "";
      if (serialize(s.target) === sent) {
        s.dirty = false;
        forgetDraft(s);
        setState(s, T.JSSaved, "ok");
      } else {
        markDirty(s); // typed on while saving
      }
      return true;
    }
    var err = (r.body && r.body.error) || {};
    if (r.status === 409 && err.code === "version_conflict" && err.detail) {
      showConflict(s, sent, err.detail, approving);
    } else if (r.status === 422 && err.code === "qa_failed") {
      // Errors stand: list them, keep the text (a save may store it), and
      // offer to approve with a reason.
      setState(s, T.JSQAFailed, "error");
      runCheck(s);
      s.override.hidden = false;
      s.reason.focus();
      if (sent !== s.saved) save(s);
    } else if (r.status === 401) {
      setState(s, err.message || T.JSNotSaved, "error");
      netProblem(true);
      net.textContent = err.message || T.JSNotSaved;
    } else {
      s.rejected = sent;
      setState(s, (err.message || T.JSRejected), "error");
    }
    return false;
  }

  // networkFailed keeps the text (it is in the page and in localStorage)
  // and tries again with backoff.
  function networkFailed(s) {
    netProblem(true);
    s.retry = Math.min((s.retry || 1) * 2, 30);
    setState(s, fill(T.JSRetrying, {}), "error");
    clearTimeout(s.timer);
    s.timer = setTimeout(function () { save(s); }, s.retry * 1000);
  }

  function setOrigin(s, label, machine) {
    var o = s.el.querySelector('[data-role="origin"]');
    o.textContent = label;
    o.classList.toggle("machine", machine);
    if (!machine) s.el.setAttribute("data-kind", "person");
  }

  // ---- conflicts ----------------------------------------------------------
  // Someone saved first: show both texts and let the translator choose.
  function showConflict(s, mine, theirs, approving, title) {
    var box = s.conflict;
    box.textContent = "";
    var h = document.createElement("p");
    h.className = "conflict-title";
    h.textContent = (title || T.JSConflictTitle) + (theirs.by_name ? " " + fill(T.JSChangedBy, { name: theirs.by_name }) : "");
    box.appendChild(h);
    var cols = document.createElement("div");
    cols.className = "conflict-cols";
    [[T.JSYourText, mine, "mine"], [T.JSTheirText, theirs.target, "theirs"]].forEach(function (c) {
      var col = document.createElement("div");
      col.className = "conflict-" + c[2];
      var label = document.createElement("span");
      label.className = "col-label";
      label.textContent = c[0];
      var text = document.createElement("div");
      text.className = "conflict-text";
      text.setAttribute("data-role", "conflict-" + c[2]);
      text.lang = s.target.lang;
      text.appendChild(fragment(c[1], s.tags));
      col.appendChild(label);
      col.appendChild(text);
      cols.appendChild(col);
    });
    box.appendChild(cols);
    var keep = button(T.JSKeepMine, "keep-mine", function () {
      resolve(s, theirs);
      setText(s.target, mine, s.tags);
      markDirty(s);
      (approving ? approve(s, false) : save(s));
    });
    var take = button(T.JSUseTheirs, "use-theirs", function () {
      resolve(s, theirs);
      setText(s.target, theirs.target, s.tags);
      s.saved = theirs.target;
      s.dirty = false;
      forgetDraft(s);
      setState(s, "");
      s.target.focus();
    });
    box.appendChild(keep);
    box.appendChild(take);
    box.hidden = false;
    setState(s, title || T.JSConflictTitle, "error");
    keep.focus();
  }

  function resolve(s, theirs) {
    s.version = theirs.version;
    s.el.setAttribute("data-version", s.version);
    s.saved = theirs.target;
    s.rejected = null;
    setStatus(s, theirs.status);
    s.conflict.hidden = true;
    s.conflict.textContent = "";
  }

  function button(label, role, fn) {
    var b = document.createElement("button");
    b.type = "button";
    b.textContent = label;
    b.setAttribute("data-role", role);
    b.addEventListener("click", fn);
    return b;
  }

  // ---- live updates -------------------------------------------------------
  // A change by someone else replaces the text unless the translator has
  // unsaved text of their own there; then saving will meet a conflict and
  // show both.
  function applyRemote(seg) {
    var s = byID[seg.id];
    if (!s || seg.version <= s.version) return;
    if (s.dirty || s.inflight || !s.conflict.hidden) {
      setState(s, fill(T.JSChangedBy, { name: seg.by_name || "?" }), "warn");
      return;
    }
    s.version = seg.version;
    s.el.setAttribute("data-version", s.version);
    setText(s.target, seg.target, s.tags);
    s.saved = seg.target;
    setStatus(s, seg.status);
    if (seg.origin === "human") setOrigin(s, T.OriginHuman, false);
    setState(s, fill(T.JSChangedBy, { name: seg.by_name || "?" }), "remote");
    runCheck(s);
  }

  var claim = document.getElementById("claim");
  function showHolder(name, holderID) {
    if (!name || holderID === me) {
      claim.hidden = true;
      claim.textContent = "";
    } else {
      claim.hidden = false;
      claim.textContent = fill(T.JSBeingEditedBy, { name: name });
    }
  }

  var opened = false;
  function listen() {
    if (!window.EventSource) return;
    var es = new EventSource("/editions/" + editionID + "/events");
    es.onopen = function () {
      if (opened) resync(); // missed messages while away: reload the state
      opened = true;
      root.setAttribute("data-live", "on");
    };
    es.onmessage = function (m) {
      var ev;
      try { ev = JSON.parse(m.data); } catch (e) { return; }
      if (ev.type === "segment" && ev.segment) applyRemote(ev.segment);
      else if (ev.type === "claim") showHolder(ev.holder, ev.holder_id);
      else if (ev.type === "comment") {
        var s = byID[ev.segment_id];
        if (s) {
          s.el.querySelector('[data-role="comments"]').textContent = "(" + numberFmt.format(ev.comments) + ")";
          s.el.setAttribute("data-comments", ev.comments);
          s.el.dispatchEvent(new CustomEvent("seg-updated", { bubbles: true }));
        }
      }
    };
    es.onerror = function () { root.setAttribute("data-live", "off"); };
  }

  function resync() {
    call("GET", "/editions/" + editionID + "/state").then(function (r) {
      if (r.status === 200) r.body.segments.forEach(applyRemote);
    }, function () { /* the next reconnect tries again */ });
  }

  // ---- claims ---------------------------------------------------------------
  function renewClaim() {
    call("POST", "/editions/" + editionID + "/claim", {}).then(function (r) {
      if (r.status === 200) showHolder(r.body.mine ? "" : r.body.holder, "");
    }, function () { /* advisory; try again next time */ });
  }
  var renewMS = parseInt(root.getAttribute("data-renew"), 10) || 20000;
  renewClaim(); // opening the page only read the claim; take it now
  setInterval(renewClaim, renewMS);
  window.addEventListener("pagehide", function () {
    var body = new URLSearchParams();
    body.set("csrf", csrf);
    if (navigator.sendBeacon) navigator.sendBeacon("/editions/" + editionID + "/release", body);
  });

  // ---- moving around ----------------------------------------------------------
  function segOf(node) {
    var el = node && node.closest ? node.closest("article.seg") : null;
    return el ? byID[el.getAttribute("data-id")] : null;
  }

  function focusSeg(s) {
    if (!s) return;
    current = s;
    s.target.focus();
    var sel = window.getSelection();
    var r = document.createRange();
    r.selectNodeContents(s.target);
    r.collapse(false);
    sel.removeAllRanges();
    sel.addRange(r);
    s.el.scrollIntoView({ block: "nearest" }); // no jump when it is already in view
  }

  // moveBy moves to the next or previous segment the filters show.
  function moveBy(d) {
    var j = segs.indexOf(current);
    do { j += d; } while (j >= 0 && j < segs.length && segs[j].el.hidden);
    if (j >= 0 && j < segs.length) focusSeg(segs[j]);
  }

  // moveToError focuses the next (d = 1) or previous (d = -1) segment with
  // a QA error after the current one, wrapping around.
  function moveToError(d) {
    var i = segs.indexOf(current);
    for (var k = 1; k <= segs.length; k++) {
      var n = segs[(i + d * k + segs.length * k) % segs.length];
      if (n.errors > 0) {
        focusSeg(n);
        var first = n.qa.querySelector(".qa-error span");
        if (first) setState(n, first.textContent, "error");
        return;
      }
    }
  }

  function moveToNextOpen(s) {
    var i = segs.indexOf(s);
    for (var k = 1; k <= segs.length; k++) {
      var n = segs[(i + k) % segs.length];
      if (n.status !== "approved" && !n.el.hidden) return focusSeg(n);
    }
  }

  function copySource(s) {
    setText(s.target, serialize(s.source), s.tags);
    markDirty(s);
    focusSeg(s);
  }

  function useMatch(s, key) {
    var b = s.el.querySelector('.use-match[data-key="' + key + '"]');
    if (!b) return;
    setText(s.target, b.getAttribute("data-target"), s.tags);
    markDirty(s);
    focusSeg(s);
  }

  // insertAtCaret inserts nodes at the selection inside el.
  function insertAtCaret(el, frag) {
    var sel = window.getSelection();
    if (!sel.rangeCount || !el.contains(sel.getRangeAt(0).commonAncestorContainer)) {
      el.appendChild(frag);
      return;
    }
    var r = sel.getRangeAt(0);
    r.deleteContents();
    var lastNode = frag.lastChild;
    r.insertNode(frag);
    if (lastNode) {
      r.setStartAfter(lastNode);
      r.collapse(true);
      sel.removeAllRanges();
      sel.addRange(r);
    }
  }

  segs.forEach(function (s) {
    s.target.addEventListener("focus", function () { current = s; s.el.classList.add("current"); });
    s.target.addEventListener("blur", function () {
      s.el.classList.remove("current");
      if (s.dirty) save(s);
    });
    s.target.addEventListener("input", function () { markDirty(s); });
    // Pasted text is inserted as text; placeholders in it become tokens
    // only if this segment has them.
    s.target.addEventListener("paste", function (e) {
      e.preventDefault();
      var text = (e.clipboardData || window.clipboardData).getData("text/plain").replace(/[\r\n]+/g, " ");
      var known = text.replace(PH, function (m) { return s.tags[m] ? m : escapeText(m); });
      var parts = known.split(/(<\/?\d+\/?>)/);
      var tagged = parts.map(function (p, i) { return i % 2 ? p : escapeText(p); }).join("");
      insertAtCaret(s.target, fragment(tagged, s.tags));
      markDirty(s);
    });
    // Dragging a token moves it within the segment; anything dropped from
    // elsewhere arrives as plain text.
    s.target.addEventListener("dragstart", function (e) {
      var t = e.target.closest && e.target.closest(".tag");
      if (!t) return;
      dragged = t;
      e.dataTransfer.setData("text/plain", t.getAttribute("data-ph"));
      e.dataTransfer.effectAllowed = "move";
    });
    s.target.addEventListener("dragover", function (e) { e.preventDefault(); });
    s.target.addEventListener("drop", function (e) {
      e.preventDefault();
      var r = document.caretRangeFromPoint ? document.caretRangeFromPoint(e.clientX, e.clientY) : null;
      if (r && !s.target.contains(r.startContainer)) r = null;
      if (dragged && s.target.contains(dragged)) {
        if (r) {
          dragged.remove();
          r.insertNode(dragged);
        }
      } else {
        var text = e.dataTransfer.getData("text/plain");
        if (r) {
          var sel = window.getSelection();
          sel.removeAllRanges();
          sel.addRange(r);
        }
        insertAtCaret(s.target, document.createTextNode(text));
      }
      dragged = null;
      markDirty(s);
    });
    s.el.querySelector('[data-role="approve"]').addEventListener("click", function () { approve(s, true); });
    s.el.querySelector('[data-role="approve-anyway"]').addEventListener("click", function () {
      var reason = s.reason.value.trim();
      if (!reason) {
        setState(s, T.JSReasonNeeded, "error");
        s.reason.focus();
        return;
      }
      approve(s, true, reason);
    });
    s.el.querySelector('[data-role="copy"]').addEventListener("click", function () { copySource(s); });
    s.el.querySelectorAll(".use-match").forEach(function (b) {
      b.addEventListener("click", function () { useMatch(s, b.getAttribute("data-key")); });
    });
    s.el.querySelector('[data-role="open-panel"]').addEventListener("click", function (e) { togglePanel(s, e.currentTarget); });
  });
  var dragged = null;

  // Restore text that never reached the server (closed tab, network loss).
  segs.forEach(function (s) {
    var raw;
    try { raw = localStorage.getItem(draftKey(s)); } catch (e) { return; }
    if (!raw) return;
    var d;
    try { d = JSON.parse(raw); } catch (e) { return; }
    if (d.t === s.saved) return forgetDraft(s);
    if (d.v === s.version) {
      setText(s.target, d.t, s.tags);
      markDirty(s);
    } else {
      showConflict(s, d.t, { target: s.saved, version: s.version, status: s.status }, false);
    }
  });

  // ---- history and comments -------------------------------------------------
  function togglePanel(s, btn) {
    if (!s.panel.hidden) {
      s.panel.hidden = true;
      btn.setAttribute("aria-expanded", "false");
      return;
    }
    var n = segs.indexOf(s) + 1;
    fetch("/editions/" + editionID + "/segments/" + s.id + "/panel?n=" + n, { credentials: "same-origin", headers: { Accept: "text/html" } })
      .then(function (r) { if (!r.ok) throw new Error(r.status); return r.text(); })
      .then(function (html) {
        s.panel.innerHTML = html; // a fragment rendered and escaped by html/template
        s.panel.hidden = false;
        btn.setAttribute("aria-expanded", "true");
        wireComments(s);
      })
      .catch(function () { setState(s, T.JSLoadFailed, "error"); });
  }

  function wireComments(s) {
    var form = s.panel.querySelector("form.comment-form");
    if (!form) return;
    form.addEventListener("submit", function (e) {
      e.preventDefault();
      fetch(form.action, { method: "POST", credentials: "same-origin", headers: { "X-Fragment": "panel", "X-CSRF-Token": csrf },
        body: new URLSearchParams(new FormData(form)) })
        .then(function (r) { if (!r.ok) throw new Error(r.status); return r.text(); })
        .then(function (html) {
          s.panel.innerHTML = html;
          wireComments(s);
          var ta = s.panel.querySelector("textarea");
          if (ta) ta.focus();
        })
        .catch(function () { setState(s, T.JSLoadFailed, "error"); });
    });
  }

  // ---- keyboard -----------------------------------------------------------------
  var help = document.getElementById("help");
  document.getElementById("help-open").addEventListener("click", function () { help.showModal(); });

  document.addEventListener("keydown", function (e) {
    var s = segOf(document.activeElement) || current;
    var inTarget = document.activeElement && document.activeElement.getAttribute("data-role") === "target";
    if (e.key === "F1" || (e.ctrlKey && e.key === "/")) {
      e.preventDefault();
      if (!help.open) help.showModal();
      return;
    }
    if (help.open) return;
    if (e.ctrlKey && !e.altKey && e.key === "Enter") {
      e.preventDefault();
      if (s) approve(s, true);
    } else if (e.ctrlKey && !e.shiftKey && (e.key === "ArrowDown" || e.key === "ArrowUp")) {
      e.preventDefault();
      moveBy(e.key === "ArrowDown" ? 1 : -1);
    } else if (e.ctrlKey && e.shiftKey && (e.key === "C" || e.key === "c")) {
      e.preventDefault();
      if (s) copySource(s);
    } else if (e.altKey && !e.ctrlKey && /^[1-3]$/.test(e.key)) {
      e.preventDefault();
      if (s) useMatch(s, e.key);
    } else if (e.key === "F8") {
      e.preventDefault();
      moveToError(e.shiftKey ? -1 : 1);
    } else if (e.ctrlKey && (e.key === "s" || e.key === "S")) {
      e.preventDefault();
      if (s) save(s);
    } else if (inTarget && e.key === "Enter") {
      e.preventDefault(); // a segment is one line
    }
  });

  window.addEventListener("online", function () {
    segs.forEach(function (s) { if (s.dirty) save(s); });
  });
  // Leaving with unsaved text: try once more; if that fails the text is
  // still in localStorage and comes back with the page.
  window.addEventListener("pagehide", function () {
    segs.forEach(function (s) { if (s.dirty) save(s); });
  });

  // ---- offline work: the translated XLIFF file comes back ---------------------
  // The summary is text nodes; updated segments are shown at once (live
  // updates bring them too, and whichever comes second is ignored by its
  // version); a conflict opens the segment's usual choice between the
  // file's text and the one saved here.
  var importForm = document.getElementById("xliff-import");
  var importOut = document.getElementById("xliff-summary");
  if (importForm) {
    importForm.addEventListener("submit", function (e) {
      e.preventDefault();
      importOut.hidden = false;
      importOut.className = "import-summary busy";
      importOut.textContent = T.JSImporting;
      fetch(importForm.action, { method: "POST", credentials: "same-origin", headers: { Accept: "application/json", "X-CSRF-Token": csrf },
        body: new FormData(importForm) })
        .then(function (resp) {
          return resp.json().catch(function () { return {}; }).then(function (b) { return { status: resp.status, body: b }; });
        })
        .then(showImport, function () {
          importOut.className = "import-summary error";
          importOut.textContent = T.JSOffline;
        });
    });
  }

  function showImport(r) {
    importOut.textContent = "";
    if (r.status !== 200) {
      importOut.className = "import-summary error";
      importOut.textContent = (r.body.error && r.body.error.message) || T.JSLoadFailed;
      return;
    }
    var sum = r.body;
    importOut.className = "import-summary ok";
    var p = document.createElement("p");
    p.setAttribute("data-role", "import-counts");
    p.textContent = sum.text;
    importOut.appendChild(p);
    var list = document.createElement("ul");
    function item(id, text, role) {
      var li = document.createElement("li");
      li.setAttribute("data-role", role);
      var a = document.createElement("a");
      a.href = "#seg-" + id;
      a.textContent = text;
      li.appendChild(a);
      list.appendChild(li);
    }
    sum.updated.forEach(function (seg) { applyRemote(seg); });
    sum.conflicts.forEach(function (k) {
      item(k.id, fill(T.JSImportConflict, { n: numberFmt.format(k.number) }), "import-conflict");
      var s = byID[k.id];
      if (s) showConflict(s, k.mine, k.theirs, false, T.JSImportConflictTitle);
    });
    sum.refused.forEach(function (x) {
      item(x.id, fill(T.JSImportRefused, { n: x.number ? numberFmt.format(x.number) : x.id, reason: x.message }), "import-refused");
    });
    if (list.childNodes.length) importOut.appendChild(list);
    importForm.reset();
  }

  // The editor's tools (editor-*.js) work through this, not through the
  // page: they save through the same calls and update segments the same way.
  window.pressroomEditor = {
    editionID: editionID, segs: segs, byID: byID, T: T, fill: fill, numberFmt: numberFmt,
    serialize: serialize, setText: setText, fragment: fragment, escapeText: escapeText, unescapeText: unescapeText,
    PH: PH, call: call, focusSeg: focusSeg, setState: setState,
    // accept applies a segment as the server now has it (after a batch
    // save, an undo or a batch approval), unless the translator has unsaved
    // text there.
    accept: function (seg, msg) {
      var s = byID[seg.id];
      if (!s || seg.version < s.version) return false;
      if (s.dirty || s.inflight || !s.conflict.hidden) return false;
      s.version = seg.version;
      s.el.setAttribute("data-version", s.version);
      setText(s.target, seg.target, s.tags);
      s.saved = seg.target;
      setStatus(s, seg.status);
      if (seg.origin === "human") setOrigin(s, T.OriginHuman, false);
      if (msg) setState(s, msg, "ok");
      return true;
    },
  };
  document.dispatchEvent(new CustomEvent("pressroom-editor-ready"));

  updateProgress();
  updateQASummary();
  listen();
})();

// ---- the editor's time zone ---------------------------------------------
// Publication times are entered and shown in the browser's time zone: every
// form field named "tz" gets it, and a cookie tells the server for pages.
(function () {
  "use strict";
  var tz = "";
  try { tz = Intl.DateTimeFormat().resolvedOptions().timeZone || ""; } catch (e) { tz = ""; }
  if (!tz) { return; }
  document.querySelectorAll('input[name="tz"]').forEach(function (el) { el.value = tz; });
  var had = document.cookie.split("; ").indexOf("tz=" + encodeURIComponent(tz)) >= 0;
  document.cookie = "tz=" + encodeURIComponent(tz) + "; path=/; SameSite=Lax";
  var dash = document.getElementById("articles-page");
  if (!had && dash && dash.dataset.tz !== tz) { location.reload(); }
})();
