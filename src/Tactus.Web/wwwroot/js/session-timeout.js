// Warns before the idle time-out signs the person out (the server decides; this only counts down), offers
// "stay signed in", and at the end keeps what they typed as a draft before going to the sign-in page.
const meta = document.querySelector('meta[name="tactus-idle-seconds"]');
const dialog = document.getElementById("idle-warning");
if (meta && dialog) {
  const idle = Number(meta.content) * 1000;
  const warnBefore = Math.min(120_000, idle / 2);
  const countdown = document.getElementById("idle-countdown");
  const stay = document.getElementById("idle-stay");
  let deadline = Date.now() + idle;
  let ending = false;

  const signIn = () => {
    const back = encodeURIComponent(location.pathname + location.search);
    location.assign(`/Account/Login?ReturnUrl=${back}`);
  };

  const tick = () => {
    const left = deadline - Date.now();
    if (left <= 0) {
      if (!ending) {
        ending = true;
        window.dispatchEvent(new Event("tactus:session-ending"));
        setTimeout(signIn, 800);
      }
      return;
    }
    if (left <= warnBefore && !dialog.open) {
      dialog.showModal();
    }
    if (dialog.open) {
      countdown.textContent = `${Math.ceil(left / 1000)} seconds`;
    }
    setTimeout(tick, 1000);
  };

  stay.addEventListener("click", async () => {
    const response = await fetch("/api/session/keep-alive", { method: "POST", credentials: "same-origin" });
    if (response.ok) {
      deadline = Date.now() + idle;
      dialog.close();
    } else {
      window.dispatchEvent(new Event("tactus:session-ending"));
      setTimeout(signIn, 800);
    }
  });

  tick();
}
