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
  for (const select of form.querySelectorAll("select[name^='Regions.']")) {
    answers[camel(select.name.slice("Regions.".length))] = [...select.selectedOptions].map((o) => o.value);
  }
  const number = (id) => (form.querySelector(id).value === "" ? null : Number(form.querySelector(id).value));
  answers.systolicBp = number("#systolic");
  answers.diastolicBp = number("#diastolic");
  answers.recentSurgeryDate = form.querySelector("#surgery-date").value || null;
  const medications = form.querySelector("#medications").value.split("\n").map((m) => m.trim()).filter(Boolean);
  const diagnoses = (form.dataset.diagnoses || "").split(",").filter(Boolean);
  return { answers, medications, diagnoses };
}

function render(result) {
  output.replaceChildren();
  const heading = document.createElement("h2");
  heading.textContent = "Screening preview";
  output.append(heading);
  if (result.findings.length === 0) {
    const none = document.createElement("p");
    none.textContent = "No contraindications or precautions so far.";
    output.append(none);
    return;
  }
  const list = document.createElement("ul");
  for (const finding of result.findings) {
    const item = document.createElement("li");
    item.textContent = `${finding.finding} (${finding.category}, ${finding.action}): ${finding.clinicianText}`;
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
    }
  }, 300);
}

if (form && output) {
  form.addEventListener("change", preview);
  form.addEventListener("input", preview);
}
