// Keeps each region picker's summary ("3 chosen") in step with its check boxes.
for (const picker of document.querySelectorAll("[data-region-picker]")) {
  const count = picker.querySelector("[data-count]");
  picker.addEventListener("change", () => {
    const chosen = picker.querySelectorAll("input:checked").length;
    count.textContent = chosen === 0 ? "none chosen" : `${chosen} chosen`;
  });
}
