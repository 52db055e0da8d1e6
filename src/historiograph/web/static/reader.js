// historiograph reader: layer toggles, a finding's detail on click, the review form.
// Everything from a document is put in the page as text (textContent), never as HTML.
(function () {
  "use strict";
  var text = document.getElementById("text");
  var dataNode = document.getElementById("hg-data");
  if (!text || !dataNode) { return; }
  var config = JSON.parse(dataNode.textContent);
  // Every finding's detail, the reviews and the register links are the page's JSON twin,
  // read once, on the first click (the page itself carries only the highlighted text).
  var anns = {};
  var reviews = {};
  var entities = {};
  var loading = null;
  var body = document.getElementById("detail-body");
  var hint = document.querySelector("#detail .hint");
  var form = document.getElementById("review-form");
  var selected = null;

  function el(tag, cls, content) {
    var node = document.createElement(tag);
    if (cls) { node.className = cls; }
    if (content !== undefined && content !== null) { node.textContent = String(content); }
    return node;
  }

  function byId(id) {
    return text.querySelectorAll('[data-id="' + CSS.escape(id) + '"]');
  }

  function jump(id) {
    var link = el("a", "jump");
    link.href = "#a-" + encodeURIComponent(id);
    link.addEventListener("click", function (ev) {
      ev.preventDefault();
      select(id, true);
    });
    return link;
  }

  // -- layers ---------------------------------------------------------------
  var toggles = document.querySelectorAll("#layers input[data-layer]");
  Array.prototype.forEach.call(toggles, function (box) {
    box.addEventListener("change", function () {
      var nodes = text.querySelectorAll('[data-layer="' + CSS.escape(box.dataset.layer) + '"]');
      Array.prototype.forEach.call(nodes, function (n) { n.classList.toggle("off", !box.checked); });
      var on = Array.prototype.filter.call(toggles, function (b) { return b.checked; })
        .map(function (b) { return b.dataset.layer; });
      var url = new URL(window.location.href);
      url.searchParams.set("layers", on.join(","));
      window.history.replaceState(null, "", url.pathname + url.search + url.hash);
    });
  });

  // -- detail ---------------------------------------------------------------
  function value(v) {
    if (v === null || v === undefined) { return ""; }
    if (Array.isArray(v) && v.every(function (x) { return typeof x !== "object" || x === null; })) {
      return v.join("; ");
    }
    if (typeof v === "object") { return JSON.stringify(v); }
    return String(v);
  }

  function row(dl, name, content) {
    if (content === null || content === undefined || content === "" ||
        (Array.isArray(content) && content.length === 0)) { return; }
    dl.appendChild(el("dt", null, name));
    var dd = el("dd");
    if (content instanceof Node) { dd.appendChild(content); } else { dd.textContent = value(content); }
    dl.appendChild(dd);
  }

  function linkTo(id, label) {
    if (!anns[id] || !byId(id).length) { return label || id; }
    var a = jump(id);
    a.textContent = label || anns[id].label || id;
    return a;
  }

  function cslLine(csl) {
    if (!csl) { return ""; }
    var who = (csl.author || csl.editor || []).map(function (p) { return p.family || p.literal || ""; })
      .filter(Boolean).join(", ");
    var year = csl.issued && csl.issued["date-parts"] && csl.issued["date-parts"][0] ? csl.issued["date-parts"][0][0] : "";
    return [who, csl.title || csl["container-title"] || "", year].filter(Boolean).join(", ");
  }

  function load() {
    if (!loading) {
      loading = fetch(config.json, {headers: {"Accept": "application/json"}, credentials: "same-origin"})
        .then(function (response) {
          if (!response.ok) { throw new Error("HTTP " + response.status); }
          return response.json();
        })
        .then(function (view) {
          (view.annotations || []).forEach(function (a) { anns[a.id] = a; });
          (view.reviews || []).forEach(function (r) { (reviews[r.target] = reviews[r.target] || []).push(r); });
          entities = view.entities || {};
        })
        .catch(function (err) { loading = null; throw err; });
    }
    return loading;
  }

  function show(id) {
    if (!body) { return; }
    if (hint) { hint.hidden = true; }
    offerReview(id);
    if (!anns[id]) {
      var first = byId(id)[0];
      body.textContent = "";
      body.appendChild(el("div", "label", first ? first.getAttribute("title") : id));
      body.appendChild(el("p", "muted", "loading…"));
      load().then(function () { if (selected === id) { render(id); } },
                  function (err) { body.appendChild(el("p", "error", "could not load the details (" + err.message + ")")); });
      return;
    }
    render(id);
  }

  function render(id) {
    var a = anns[id];
    if (!a) { return; }
    if (hint) { hint.hidden = true; }
    body.textContent = "";
    body.appendChild(el("div", "label", a.label));
    var dl = el("dl");
    row(dl, "layer", a.layer + (a.kind && a.kind !== a.type ? " · " + a.kind : ""));
    row(dl, "offsets", a.spans.map(function (s) { return s[0] + "–" + s[1]; }).join(", "));
    row(dl, "status", a.status);
    if (a.confidence !== null && a.confidence !== undefined) { row(dl, "confidence", Number(a.confidence).toFixed(2)); }
    row(dl, "found by", a.component + "@" + a.version);
    var d = a.detail || {};
    Object.keys(d).forEach(function (key) {
      var v = d[key];
      if (key === "note" && v) {
        row(dl, "note", linkTo(v, "go to note"));
      } else if (key === "references" && Array.isArray(v)) {
        var list = el("ul", "refs");
        v.forEach(function (r) {
          var li = el("li");
          var target = linkTo(r.reference, r.work);
          li.appendChild(typeof target === "string" ? el("span", null, target) : target);
          var extra = [r.form !== "full" ? r.form : "", r.cited_range || ""].filter(Boolean).join(", ");
          if (extra) { li.appendChild(el("span", "muted", " (" + extra + ")")); }
          list.appendChild(li);
        });
        row(dl, "cites", v.length ? list : null);
      } else if ((key === "nested_in" || key === "resolves_to") && v) {
        row(dl, key.replace("_", " "), linkTo(v));
      } else if (key === "entity" && v) {
        var link = el("a", null, (entities[v] && entities[v].name) || v);
        link.href = "/people/" + encodeURIComponent(v);
        row(dl, "register", link);
      } else if (key === "csl" && v) {
        row(dl, "work", cslLine(v));
        var more = el("details");
        more.appendChild(el("summary", null, "CSL-JSON"));
        more.appendChild(el("pre", null, JSON.stringify(v, null, 1)));
        row(dl, "csl", more);
      } else {
        row(dl, key.replace(/_/g, " "), v);
      }
    });
    row(dl, "id", a.id);
    body.appendChild(dl);

    var here = [];
    var first = byId(id)[0];
    var up = first ? first.parentElement && first.parentElement.closest(".hl:not(.off)") : null;
    while (up && here.length < 8) {
      if (here.indexOf(up.dataset.id) < 0 && up.dataset.id !== id) { here.push(up.dataset.id); }
      up = up.parentElement && up.parentElement.closest(".hl:not(.off)");
    }
    if (here.length) {
      var also = el("div", "also", "inside: ");
      here.forEach(function (other, k) {
        if (k) { also.appendChild(document.createTextNode(" · ")); }
        also.appendChild(linkTo(other));
      });
      body.appendChild(also);
    }
    var past = reviews[id] || [];
    if (past.length) {
      var rl = el("ul", "reviews");
      past.forEach(function (r) {
        rl.appendChild(el("li", "status-" + r.verdict, r.verdict + " by " + r.author + " (" + r.created_at + ")" +
          (r.note ? ": " + r.note : "")));
      });
      body.appendChild(rl);
    }
  }

  function offerReview(id) {
    if (!form) { return; }
    form.hidden = false;
    form.elements.record.value = id;
    var remembered = window.localStorage ? window.localStorage.getItem("hg-author") : null;
    if (remembered && !form.elements.author.value) { form.elements.author.value = remembered; }
  }

  function select(id, scroll) {
    if (selected) {
      Array.prototype.forEach.call(byId(selected), function (n) { n.classList.remove("sel"); });
    }
    selected = id;
    var nodes = byId(id);
    Array.prototype.forEach.call(nodes, function (n) { n.classList.add("sel"); });
    if (scroll && nodes.length) { nodes[0].scrollIntoView({block: "center"}); }
    window.history.replaceState(null, "", window.location.pathname + window.location.search + "#a-" + encodeURIComponent(id));
    show(id);
  }

  text.addEventListener("click", function (ev) {
    var hit = ev.target.closest(".hl:not(.off)");
    if (hit && text.contains(hit)) { select(hit.dataset.id, false); }
  });

  if (form) {
    form.addEventListener("submit", function () {
      if (window.localStorage) { window.localStorage.setItem("hg-author", form.elements.author.value); }
      form.elements.next.value = window.location.pathname + window.location.search;
    });
  }

  if (window.location.hash.indexOf("#a-") === 0) {
    var wanted = decodeURIComponent(window.location.hash.slice(3));
    if (byId(wanted).length) { select(wanted, true); }
  }
})();
