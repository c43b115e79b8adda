// "Is this person already known?" while the officer types (issue 6). Without JavaScript the
// "Check" button does the same on the server; this only saves the officer pressing it.
const panel = document.getElementById("entry-check");
if (panel) {
  const results = document.getElementById("entry-check-results");
  const form = panel.closest("form");
  const watched = ["given_name", "middle_names", "family_name", "date_of_birth", "sex", "address_postcode"];
  let timer = null;
  let last = "";
  const check = async () => {
    const params = new URLSearchParams();
    for (const name of watched) {
      const field = form.elements.namedItem(name);
      if (field) params.set(name, field.value);
    }
    const query = params.toString();
    if (query === last || !params.get("given_name") || !params.get("family_name")) return;
    last = query;
    const response = await fetch(`${panel.dataset.checkUrl}?${query}`, { credentials: "same-origin" });
    if (response.ok && query === last) results.innerHTML = await response.text();
  };
  form.addEventListener("input", (event) => {
    if (!watched.includes(event.target.name)) return;
    clearTimeout(timer);
    timer = setTimeout(check, 400);
  });
}
