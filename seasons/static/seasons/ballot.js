// The ballot's number inputs work alone; with this script, rows can also be dragged into order,
// and the numbers follow (1 for the row on top). Loaded from a file: the CSP allows no inline script.
(function () {
  "use strict";
  const list = document.querySelector("[data-ballot]");
  if (!list) return;
  let dragged = null;

  function renumber() {
    list.querySelectorAll("[data-ballot-row]").forEach(function (row, index) {
      const input = row.querySelector("input");
      if (input) input.value = String(index + 1);
    });
  }

  list.querySelectorAll("[data-ballot-row]").forEach(function (row) {
    row.setAttribute("draggable", "true");
    row.addEventListener("dragstart", function (event) {
      dragged = row;
      event.dataTransfer.effectAllowed = "move";
      row.classList.add("dragging");
    });
    row.addEventListener("dragend", function () {
      row.classList.remove("dragging");
      dragged = null;
    });
    row.addEventListener("dragover", function (event) {
      if (!dragged || dragged === row) return;
      event.preventDefault();
      const box = row.getBoundingClientRect();
      const after = event.clientY > box.top + box.height / 2;
      list.insertBefore(dragged, after ? row.nextSibling : row);
    });
    row.addEventListener("drop", function (event) {
      event.preventDefault();
      renumber();
    });
  });
})();
