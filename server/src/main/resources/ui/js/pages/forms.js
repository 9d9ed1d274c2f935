// Write-only forms for credentials and the remove buttons beside listed items. A secret typed into a form lives
// only in its input until the request is sent; the inputs are emptied after every submit, whatever the answer, so
// nothing keeps the secret in the page.
import {h, replace, announce} from '../dom.js';

/** A visible label above its control, with optional help text the control is described by. */
export function field(id, label, control, help) {
  if (help) {
    control.setAttribute('aria-describedby', `${id}-help`);
  }
  return h('div', {class: 'field'}, h('label', {for: id}, label), control,
    help ? h('p', {id: `${id}-help`, class: 'help'}, help) : null);
}

/** An input that takes a secret: never autofilled, never remembered, never spell-checked. */
export function secretInput(id, testid) {
  return h('input', {id, name: id, type: 'password', autocomplete: 'off', spellcheck: 'false', 'data-testid': testid});
}

/** A multi-line secret such as a key or a kubeconfig. */
export function secretTextarea(id, testid) {
  return h('textarea', {id, name: id, rows: 6, autocomplete: 'off', spellcheck: 'false', autocapitalize: 'none',
    'data-testid': testid});
}

/**
 * A form under an h2 whose submit calls send(); errors go to an alert beside the form, success to a status line.
 * secrets are emptied after every submit. send() returns the success message.
 */
export function writeForm({testid, title, controls, secrets, submitLabel, send}) {
  const titleId = `${testid}-title`;
  const error = h('p', {class: 'error', role: 'alert', 'data-testid': `${testid}-error`, hidden: true});
  const done = h('p', {class: 'feedback ok', role: 'status', 'data-testid': `${testid}-done`});
  const submit = h('button', {type: 'submit', class: 'primary', 'data-testid': `${testid}-submit`}, submitLabel);
  const form = h('form', {class: 'write-form', 'data-testid': testid, 'aria-labelledby': titleId, autocomplete: 'off'},
    h('h2', {id: titleId}, title), controls, error, h('div', {class: 'actions'}, submit), done);
  form.addEventListener('submit', async (submitted) => {
    submitted.preventDefault();
    submit.disabled = true;
    error.hidden = true;
    done.textContent = '';
    try {
      done.textContent = await send();
      form.reset();
    } catch (failure) {
      error.textContent = failure.message;
      error.hidden = false;
    } finally {
      for (const secret of secrets()) {
        secret.value = '';
      }
      submit.disabled = false;
    }
  });
  return form;
}

/**
 * A "Remove" button that first asks, in place, whether to remove `what`; remove() does it and reloads the list.
 * Focus moves to the confirming button, and back to "Remove" on cancel, so keyboard users keep their place.
 */
export function removeButton({testid, what, consequence, remove}) {
  const box = h('div', {class: 'remove'});
  const error = h('p', {class: 'error', role: 'alert', hidden: true});
  const ask = h('button', {type: 'button', class: 'secondary', 'data-testid': testid, 'aria-label': `Remove ${what}`}, 'Remove');
  const question = () => {
    const confirm = h('button', {type: 'button', class: 'danger', 'data-testid': `${testid}-confirm`}, 'Yes, remove');
    const cancel = h('button', {type: 'button', class: 'secondary', 'data-testid': `${testid}-cancel`}, 'Cancel');
    cancel.addEventListener('click', () => {
      replace(box, ask, error);
      ask.focus();
    });
    confirm.addEventListener('click', async () => {
      confirm.disabled = true;
      try {
        await remove();
        announce(`Removed ${what}.`);
      } catch (failure) {
        error.textContent = failure.message;
        error.hidden = false;
        replace(box, ask, error);
        ask.focus();
      }
    });
    replace(box, h('p', {class: 'confirm'}, `Remove ${what}? ${consequence}`),
      h('div', {class: 'actions'}, confirm, cancel));
    confirm.focus();
  };
  ask.addEventListener('click', question);
  return replace(box, ask, error);
}
