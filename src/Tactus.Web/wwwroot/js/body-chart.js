// A click or tap on a body-chart region sets its mark in the region list beside the picture (the list stays the
// accessible way to choose): each tap moves to the next mark, and the picture follows what the list says.
const MARKS = ["", "Treated", "Tenderness", "TriggerPoint", "RestrictedRange", "Avoided"];

function paint(rect, select) {
  const value = select.value;
  rect.classList.remove("treated", "finding", "avoid");
  if (rect.dataset.avoid === "true" || value === "Avoided") rect.classList.add("avoid");
  else if (value === "Treated") rect.classList.add("treated");
  else if (value !== "") rect.classList.add("finding");
}

for (const svg of document.querySelectorAll("svg.body-svg")) {
  const form = svg.closest("form");
  if (!form) continue;
  for (const rect of svg.querySelectorAll("rect[data-region]")) {
    const select = form.querySelector(`select#m-${CSS.escape(rect.dataset.region)}`);
    if (!select) continue;
    rect.classList.add("pickable");
    rect.addEventListener("click", () => {
      let next = MARKS[(MARKS.indexOf(select.value) + 1) % MARKS.length];
      // A region screening says to avoid is never marked treated from the picture.
      if (rect.dataset.avoid === "true" && next === "Treated") next = MARKS[(MARKS.indexOf(next) + 1) % MARKS.length];
      select.value = next;
      select.dispatchEvent(new Event("change", { bubbles: true }));
    });
    select.addEventListener("change", () => paint(rect, select));
  }
}
