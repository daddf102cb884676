// Sources panel (js_on_load): clicking 在全文中查看 opens the Plan tab at that clause.
element.addEventListener('click', (event) => {
  const link = event.target.closest('a[data-clause]');
  if (!link) return;
  event.preventDefault();
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
