// Plan tab (js_on_load): the plan picker shows the picked plan's section (window.planqa.showPlan,
// web/assets/app.js). Delegated to `element`, so it survives the tab's HTML being replaced after an upload.
element.addEventListener('change', (event) => {
  const pick = event.target;
  if (!pick || pick.id !== 'planqa-plan-pick') return;
  if (window.planqa) { window.planqa.showPlan(pick.value); return; }
  element.querySelectorAll('section.planqa-plan').forEach((s) => { s.hidden = s.dataset.plan !== pick.value; });
});
