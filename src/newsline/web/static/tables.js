// newsline: sort a table.sortable by the column whose heading is clicked (or activated with the keyboard).
// A cell sorts by its data-sort attribute when it has one, else by its text; a column whose values are all
// numbers sorts as numbers. Clicking again reverses the order; aria-sort tells which way it is sorted.
"use strict";
(function () {
  function key(row, column) {
    const cell = row.cells[column];
    if (!cell) return "";
    return cell.dataset.sort !== undefined ? cell.dataset.sort : cell.textContent.trim();
  }
  function asNumber(text) {
    const plain = text.replace(/[,%\s]/g, "");
    return plain !== "" && isFinite(plain) ? Number(plain) : null;
  }
  function sort(table, column, heading) {
    const body = table.tBodies[0];
    const rows = Array.from(body.rows);
    const keys = rows.map((row) => key(row, column));
    const numbers = keys.map(asNumber);
    const numeric = keys.every((k, i) => k === "" || numbers[i] !== null);
    const ascending = heading.getAttribute("aria-sort") !== "ascending";
    const order = rows.map((row, i) => i).sort((a, b) => {
      let diff;
      if (numeric) {
        diff = (numbers[a] === null ? -Infinity : numbers[a]) - (numbers[b] === null ? -Infinity : numbers[b]);
      } else {
        diff = keys[a].localeCompare(keys[b], undefined, { sensitivity: "base", numeric: true });
      }
      return (ascending ? diff : -diff) || a - b;
    });
    for (const th of table.tHead.rows[0].cells) th.removeAttribute("aria-sort");
    heading.setAttribute("aria-sort", ascending ? "ascending" : "descending");
    body.append(...order.map((i) => rows[i]));
  }
  for (const table of document.querySelectorAll("table.sortable")) {
    if (!table.tHead || !table.tBodies.length) continue;
    Array.from(table.tHead.rows[0].cells).forEach((heading, column) => {
      if (!heading.textContent.trim()) return;
      const button = document.createElement("button");
      button.type = "button";
      button.className = "sort";
      button.title = "sort by " + heading.textContent.trim();
      button.append(...heading.childNodes);
      heading.append(button);
      button.addEventListener("click", () => sort(table, column, heading));
    });
  }
})();
