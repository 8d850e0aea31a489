// "Copy" buttons: data-copy-target names the field whose value goes to the clipboard.
for (const button of document.querySelectorAll("[data-copy-target]")) {
  button.addEventListener("click", async () => {
    const field = document.querySelector(button.dataset.copyTarget);
    const status = button.parentElement.querySelector("[data-copy-status]");
    try {
      await navigator.clipboard.writeText(field.value);
      if (status) status.textContent = "Copied.";
    } catch {
      field.select();
      if (status) status.textContent = "Select the link and copy it (Ctrl+C).";
    }
  });
}
