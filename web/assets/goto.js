// Sources panel (js_on_load): 在全文中查看 opens the Plan tab at that clause with the quoted sentence
// highlighted (window.planqa.goto, web/assets/app.js); without app.js the clause is only outlined.
element.addEventListener('click', (event) => {
  const link = event.target.closest('a[data-clause]');
  if (!link) return;
  event.preventDefault();
  if (window.planqa) { window.planqa.goto(link.dataset.clause, link.dataset.quote || ''); return; }
  const tab = document.getElementById('planqa-tab-plan-button');
  if (tab) tab.click();
  setTimeout(() => {
    const target = document.getElementById('clause-' + link.dataset.clause);
    if (!target) return;
    for (let d = target; d; d = d.parentElement) { if (d.tagName === 'DETAILS') d.open = true; }
    target.scrollIntoView({behavior: 'smooth', block: 'start'});
    target.classList.add('planqa-flash');
    setTimeout(() => target.classList.remove('planqa-flash'), 2500);
  }, 250);
});
