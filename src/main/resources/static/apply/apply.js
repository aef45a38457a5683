// The public application page: renders forms/application.form with the form-js viewer (as Tasklist
// renders the start form), posts its data to POST /api/applications and shows each field's error
// from the answer (problem+json `errors`, with the rule) under that field. With ?amend=<token> it
// loads the application behind a one-time link and amends it instead.
(async function () {
  const container = document.getElementById('application');
  const submitButton = document.getElementById('submit');
  const errorsBox = document.getElementById('errors');
  const done = document.getElementById('done');
  const amendToken = new URLSearchParams(location.search).get('amend');
  const target = amendToken ? '/api/amendments/' + encodeURIComponent(amendToken) : '/api/applications';

  function showGeneralError(message) {
    errorsBox.hidden = false;
    errorsBox.textContent = message;
  }

  // the public API allows a few calls per address and says how long to wait (Retry-After)
  function tooManyRequests(response) {
    const seconds = response.headers.get('Retry-After') || '60';
    return '请求过于频繁，请在 ' + seconds + ' 秒后重试。/ Too many requests; please try again in '
      + seconds + ' seconds.';
  }

  const schema = await (await fetch('form.json')).json();
  // the API names fields by their key; form-js keeps errors by the field's id
  const fieldIdByKey = Object.fromEntries(schema.components.filter((c) => c.key).map((c) => [c.key, c.id]));

  let data = {};
  if (amendToken) {
    document.getElementById('mode-amend').hidden = false;
    const answer = await fetch(target);
    if (!answer.ok) {
      showGeneralError(answer.status === 429 ? tooManyRequests(answer) : (await answer.json()).detail);
      return;
    }
    data = await answer.json();
    delete data.policyAccepted; // to be confirmed again
  }

  const form = await FormViewer.createForm({ schema, data, container });
  FormJsTexts.apply(form, container);
  submitButton.hidden = false;

  submitButton.addEventListener('click', async () => {
    errorsBox.hidden = true;
    const { data: application, errors } = form.submit();
    if (Object.keys(errors).length > 0) {
      return; // form-js shows its own checks (required, pattern, e-mail) under the fields
    }
    submitButton.disabled = true;
    try {
      const response = await fetch(target, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', 'Accept-Language': application.language || 'zh-CN' },
        body: JSON.stringify(application),
      });
      if (response.status === 429) {
        showGeneralError(tooManyRequests(response));
        return;
      }
      const answer = await response.json().catch(() => ({}));
      if (response.ok) {
        container.hidden = true;
        submitButton.hidden = true;
        done.hidden = false;
        done.textContent = '申请已提交，编号 / Application received, id: ' + answer.id;
        done.dataset.applicationId = answer.id;
        return;
      }
      const fieldErrors = {};
      const unplaced = [];
      for (const error of answer.errors || []) {
        const fieldId = fieldIdByKey[error.field];
        if (fieldId) {
          (fieldErrors[fieldId] = fieldErrors[fieldId] || []).push(error.message);
        } else {
          unplaced.push(error.message);
        }
      }
      // form-js has no public setter for errors; validate() stores them the same way
      form._setState({ errors: fieldErrors });
      if (unplaced.length > 0 || !answer.errors) {
        showGeneralError(unplaced.join(' ') || answer.detail || response.statusText);
      }
    } catch (e) {
      showGeneralError('网络错误，请重试。/ Network error, please try again.');
    } finally {
      submitButton.disabled = false;
    }
  });
})();
