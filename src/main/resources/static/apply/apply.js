// The public application page: posts the same JSON as POST /api/applications and shows each
// field's error (with its rule) next to the field; with ?amend=<token> it amends instead.
(function () {
  const form = document.getElementById('application');
  const errorsBox = document.getElementById('errors');
  const done = document.getElementById('done');
  const amendToken = new URLSearchParams(location.search).get('amend');

  function clearErrors() {
    form.querySelectorAll('.field-error').forEach((e) => e.remove());
    form.querySelectorAll('.invalid').forEach((e) => e.classList.remove('invalid'));
    errorsBox.hidden = true;
    errorsBox.textContent = '';
  }

  function showFieldError(field, message) {
    const input = form.elements[field];
    const label = input ? input.closest('label') : null;
    const p = document.createElement('span');
    p.className = 'field-error';
    p.dataset.field = field;
    p.textContent = message;
    if (label) { label.classList.add('invalid'); label.appendChild(p); } else { errorsBox.hidden = false; errorsBox.appendChild(p); }
  }

  function body() {
    const data = {};
    for (const el of form.elements) {
      if (!el.name) continue;
      data[el.name] = el.type === 'checkbox' ? el.checked : el.value;
    }
    return data;
  }

  if (amendToken) {
    document.getElementById('mode-amend').hidden = false;
    fetch('/api/amendments/' + encodeURIComponent(amendToken)).then(async (r) => {
      if (!r.ok) { errorsBox.hidden = false; errorsBox.textContent = (await r.json()).detail; form.hidden = true; return; }
      const data = await r.json();
      for (const [k, v] of Object.entries(data)) {
        const el = form.elements[k];
        if (el && el.type !== 'checkbox' && v != null) el.value = v;
      }
    });
  }

  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    clearErrors();
    const url = amendToken ? '/api/amendments/' + encodeURIComponent(amendToken) : '/api/applications';
    const response = await fetch(url, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', 'Accept-Language': form.elements.language.value },
      body: JSON.stringify(body()),
    });
    const answer = await response.json().catch(() => ({}));
    if (response.ok) {
      form.hidden = true;
      done.hidden = false;
      done.textContent = '申请已提交，编号 / Application received, id: ' + answer.id;
      done.dataset.applicationId = answer.id;
      return;
    }
    (answer.errors || []).forEach((e) => showFieldError(e.field, e.message));
    if (!answer.errors) { errorsBox.hidden = false; errorsBox.textContent = answer.detail || response.statusText; }
  });
})();
