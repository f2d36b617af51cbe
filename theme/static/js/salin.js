// "Salin tautan": copy the article's address. Without JavaScript it stays a plain link.
document.querySelectorAll("a.copy-link").forEach((link) => {
  link.addEventListener("click", (event) => {
    if (!navigator.clipboard) return;
    event.preventDefault();
    navigator.clipboard.writeText(link.href).then(() => {
      link.textContent = "Tautan disalin";
      link.setAttribute("aria-live", "polite");
    });
  });
});
