// Keeps what a person types into a long form as a server-side draft (never in the browser, which may be shared),
// and offers it back when they return to the page: after a time-out, a closed tab or a lost connection.
const SUBMITTED = "tactus-draft-submitted";

function fieldsOf(form) {
  const fields = {};
  for (const [name, value] of new FormData(form)) {
    if (typeof value === "string" && !name.startsWith("__")) {
      (fields[name] ??= []).push(value);
    }
  }
  return fields;
}

function same(a, b) {
  return JSON.stringify(a) === JSON.stringify(b);
}

function restore(form, fields) {
  for (const element of form.elements) {
    if (!element.name || element.name.startsWith("__") || element.type === "submit" || element.type === "hidden") continue;
    const values = fields[element.name] ?? [];
    if (element.type === "checkbox" || element.type === "radio") {
      element.checked = values.includes(element.value);
    } else if (element.tagName === "SELECT" && element.multiple) {
      for (const option of element.options) option.selected = values.includes(option.value);
    } else {
      element.value = values[0] ?? "";
    }
  }
}

async function keep(form) {
  await fetch("/api/drafts", {
    method: "PUT",
    credentials: "same-origin",
    keepalive: true,
    headers: { "Content-Type": "application/json" },
    body: JSON.stringify({ key: form.dataset.draftKey, fields: fieldsOf(form) }),
  });
}

async function offer(form) {
  const key = form.dataset.draftKey;
  const response = await fetch(`/api/drafts?key=${encodeURIComponent(key)}`, { credentials: "same-origin" });
  if (response.status !== 200) return;
  const draft = await response.json();
  if (same(draft.fields, fieldsOf(form))) return;
  const banner = document.createElement("div");
  banner.className = "card caution draft-offer";
  banner.setAttribute("role", "status");
  banner.dataset.testid = "draft-offer";
  const saved = new Date(draft.savedAt).toLocaleString();
  banner.textContent = `Text you typed here on ${saved} was not saved. `;
  const use = document.createElement("button");
  use.type = "button";
  use.textContent = "Restore it";
  const drop = document.createElement("button");
  drop.type = "button";
  drop.textContent = "Discard it";
  use.addEventListener("click", () => { restore(form, draft.fields); banner.remove(); });
  drop.addEventListener("click", async () => {
    await fetch(`/api/drafts?key=${encodeURIComponent(key)}`, { method: "DELETE", credentials: "same-origin" });
    banner.remove();
  });
  banner.append(use, " ", drop);
  form.before(banner);
}

// A form that was submitted and came back without errors was saved: its draft is no longer needed.
const submitted = sessionStorage.getItem(SUBMITTED);
if (submitted) {
  sessionStorage.removeItem(SUBMITTED);
  if (!document.querySelector(".error-summary")) {
    fetch(`/api/drafts?key=${encodeURIComponent(submitted)}`, { method: "DELETE", credentials: "same-origin" });
  }
}

for (const form of document.querySelectorAll("form[data-draft-key]")) {
  let timer;
  const later = () => { clearTimeout(timer); timer = setTimeout(() => keep(form), 2000); };
  form.addEventListener("input", later);
  form.addEventListener("change", later);
  form.addEventListener("submit", () => { clearTimeout(timer); sessionStorage.setItem(SUBMITTED, form.dataset.draftKey); });
  window.addEventListener("tactus:session-ending", () => keep(form));
  offer(form);
}
