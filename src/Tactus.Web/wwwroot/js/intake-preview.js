// Live screening preview for the intake form: posts the answers as they are to
// POST /api/screening/evaluate (stateless, stores nothing) and lists what the rules find.
const form = document.querySelector("form[data-screening-preview]");
const output = document.getElementById("screening-preview");

const camel = (name) => name.charAt(0).toLowerCase() + name.slice(1);

function request() {
  const answers = {};
  for (const box of form.querySelectorAll("input[type=checkbox][name=Yes]")) {
    answers[camel(box.value)] = box.checked;
  }
  for (const picker of form.querySelectorAll("[data-region-picker^='Regions.']")) {
    const name = picker.dataset.regionPicker;
    answers[camel(name.slice("Regions.".length))] = [...picker.querySelectorAll("input:checked")].map((box) => box.value);
  }
  const number = (id) => (form.querySelector(id).value === "" ? null : Number(form.querySelector(id).value));
  answers.systolicBp = number("#systolic");
  answers.diastolicBp = number("#diastolic");
  answers.recentSurgeryDate = form.querySelector("#surgery-date").value || null;
  const medications = form.querySelector("#medications").value.split("\n").map((m) => m.trim()).filter(Boolean);
  const diagnoses = (form.dataset.diagnoses || "").split(",").filter(Boolean);
  return { answers, medications, diagnoses };
}

const effectLabels = { defer: "defer: no massage today", clearance: "needs clearance", modify: "modify", "avoid-area": "avoid area" };

function heading() {
  output.replaceChildren();
  const title = document.createElement("h2");
  title.textContent = "Screening preview";
  output.append(title);
}

// Incomplete or contradictory answers come back as a validation problem naming what is missing.
function renderProblems(problem) {
  heading();
  const list = document.createElement("ul");
  for (const messages of Object.values(problem.errors || {})) {
    for (const message of messages) {
      const item = document.createElement("li");
      item.textContent = message;
      list.append(item);
    }
  }
  output.append(list);
}

function render(result) {
  heading();
  if (result.findings.length === 0) {
    const none = document.createElement("p");
    none.textContent = "No contraindications or precautions so far.";
    output.append(none);
    return;
  }
  const list = document.createElement("ul");
  for (const finding of result.findings) {
    const item = document.createElement("li");
    const does = finding.does.map((d) => effectLabels[d] || d).join(", ");
    item.textContent = `${finding.finding} (${does}): ${finding.clinicianText}`;
    for (const gap of finding.gaps) {
      const note = document.createElement("strong");
      note.textContent = ` Not recorded: ${gap}`;
      item.append(note);
    }
    list.append(item);
  }
  output.append(list);
}

let pending;
async function preview() {
  clearTimeout(pending);
  pending = setTimeout(async () => {
    const response = await fetch("/api/screening/evaluate", {
      method: "POST",
      credentials: "same-origin",
      headers: { "Content-Type": "application/json", Accept: "application/json" },
      body: JSON.stringify(request()),
    });
    if (response.ok) {
      render(await response.json());
    } else if (response.status === 400) {
      renderProblems(await response.json());
    }
  }, 300);
}

if (form && output) {
  form.addEventListener("change", preview);
  form.addEventListener("input", preview);
}
