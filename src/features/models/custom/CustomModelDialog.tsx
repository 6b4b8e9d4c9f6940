/**
 * Entry points to custom models for the model settings: the "Add custom model" and "Edit" buttons
 * with their dialogs.
 */
import { useState } from 'react';
import type { CustomModel } from '../../../store/modelStore';
import { Dialog } from '../../../ui/Dialog';
import { CustomModelForm } from './CustomModelForm';

export function AddCustomModelButton() {
  const [open, setOpen] = useState(false);
  return (
    <>
      <button type="button" onClick={() => setOpen(true)}>
        Add custom model
      </button>
      <Dialog title="Add custom model" open={open} onClose={() => setOpen(false)}>
        <CustomModelForm onDone={() => setOpen(false)} />
      </Dialog>
    </>
  );
}

/** Its name is just "Edit": place it where the model it belongs to is clear (a list row). */
export function EditCustomModelButton({ model }: { model: CustomModel }) {
  const [open, setOpen] = useState(false);
  return (
    <>
      <button type="button" onClick={() => setOpen(true)}>
        Edit
      </button>
      <Dialog title="Edit custom model" open={open} onClose={() => setOpen(false)}>
        <CustomModelForm editing={model} onDone={() => setOpen(false)} />
      </Dialog>
    </>
  );
}
