import type { Transferable } from '../transfer';

/**
 * A <form> passed as google.script.run's only argument reaches the server as an
 * object of its named fields (one value, or an array when a name repeats or a
 * select allows several). File inputs would arrive as blobs in Apps Script; the
 * local workspace cannot carry files, so it refuses them clearly.
 */
interface FieldLike {
  name?: string;
  type?: string;
  value?: string;
  checked?: boolean;
  disabled?: boolean;
  multiple?: boolean;
  options?: ArrayLike<{ selected: boolean; value: string }>;
  files?: ArrayLike<unknown> | null;
}

export function formFields(form: { elements: ArrayLike<unknown> }): Record<string, Transferable> {
  const out: Record<string, Transferable> = {};
  const add = (name: string, value: string) => {
    const existing = out[name];
    if (existing === undefined) out[name] = value;
    else if (Array.isArray(existing)) existing.push(value);
    else out[name] = [existing, value];
  };
  for (let i = 0; i < form.elements.length; i++) {
    const field = form.elements[i] as FieldLike;
    const name = field.name;
    if (!name || field.disabled) continue;
    const type = (field.type ?? '').toLowerCase();
    if (type === 'submit' || type === 'button' || type === 'reset' || type === 'image') continue;
    if (type === 'file') {
      if (field.files && field.files.length > 0) throw new Error('File uploads through google.script.run are not supported by the local workspace.');
      continue;
    }
    if ((type === 'checkbox' || type === 'radio') && !field.checked) continue;
    if (type === 'select-multiple' && field.options) {
      const chosen: Transferable[] = [];
      for (let j = 0; j < field.options.length; j++) if (field.options[j].selected) chosen.push(field.options[j].value);
      out[name] = chosen;
      continue;
    }
    add(name, field.value ?? '');
  }
  return out;
}
