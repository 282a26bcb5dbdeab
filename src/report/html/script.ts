/**
 * The report's one script (run in the browser; the page works without it, less the side
 * panel). It only moves elements the page already holds: hovering or clicking a task, an
 * edge or a timeline bar shows a copy of its entry from the lists below the drawings. No
 * markup is built from text, so nothing from a plan can become markup here either.
 */
export const SCRIPT = `
(function () {
  "use strict";
  var body = document.getElementById("panel-body");
  var hint = document.getElementById("panel-hint");
  var close = document.getElementById("panel-close");
  if (!body || !hint || !close) return;
  var pinned = null;
  var shown = null;

  function targetOf(node) {
    var element = node && node.nodeType === 1 ? node : node && node.parentNode;
    var found = element && element.closest ? element.closest("[data-detail]") : null;
    return found && !body.contains(found) ? found : null;
  }

  function mark(target) {
    var marked = document.querySelectorAll(".active, .linked");
    for (var i = 0; i < marked.length; i++) marked[i].classList.remove("active", "linked");
    if (!target) return;
    var key = target.getAttribute("data-detail");
    var same = document.querySelectorAll("[data-detail]");
    for (var j = 0; j < same.length; j++) {
      if (same[j].getAttribute("data-detail") === key) same[j].classList.add("active");
    }
    if (!target.classList.contains("node")) return;
    var id = target.getAttribute("data-task");
    var edges = document.querySelectorAll(".edge");
    for (var k = 0; k < edges.length; k++) {
      var edge = edges[k];
      if (edge.getAttribute("data-task") === id || edge.getAttribute("data-depends-on") === id) {
        edge.classList.add("linked");
      }
    }
  }

  function show(target) {
    if (target === shown) return;
    shown = target;
    mark(target);
    var entry = target && document.getElementById(target.getAttribute("data-detail"));
    if (!entry) {
      body.replaceChildren(hint);
      close.hidden = true;
      return;
    }
    var copy = entry.cloneNode(true);
    copy.removeAttribute("id");
    body.replaceChildren(copy);
    close.hidden = pinned === null;
  }

  document.addEventListener("click", function (event) {
    var target = targetOf(event.target);
    if (!target) return;
    pinned = target === pinned ? null : target;
    shown = undefined;
    show(pinned || target);
  });
  document.addEventListener("mouseover", function (event) {
    var target = targetOf(event.target);
    if (target) show(target);
  });
  document.addEventListener("mouseout", function (event) {
    var target = targetOf(event.target);
    if (target && target !== targetOf(event.relatedTarget)) show(pinned);
  });
  document.addEventListener("focusin", function (event) {
    var target = targetOf(event.target);
    if (target) show(target);
  });
  document.addEventListener("keydown", function (event) {
    if (event.key === "Escape") {
      pinned = null;
      show(null);
      return;
    }
    var target = targetOf(event.target);
    if (target && (event.key === "Enter" || event.key === " ")) {
      event.preventDefault();
      pinned = target;
      shown = undefined;
      show(target);
    }
  });
  close.addEventListener("click", function () {
    pinned = null;
    show(null);
  });
})();
`;
