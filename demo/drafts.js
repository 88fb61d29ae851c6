// Demo only: lets ?draft=<slug> show another draft on the drafts page (the end-to-end tests use it).
const slug = new URLSearchParams(location.search).get('draft');
if (slug) document.querySelector('draft-consultation')?.setAttribute('consultation', slug);
