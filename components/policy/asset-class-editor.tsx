"use client";

import { useMutation } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useState, type FormEvent } from "react";
import { createAssetClassAction, deleteAssetClassAction, updateAssetClassAction } from "@/app/(console)/policy/actions";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Dialog } from "@/components/ui/dialog";
import { Table, Td } from "@/components/ui/table";
import type { TAssetClassItem } from "@/lib/server/policy/list-asset-classes";
import { fieldsOf, unwrap } from "./action-result";

const input = "mt-1 block w-full rounded-md border border-slate-300 px-3 py-2 text-sm";

/** The asset-class list with add, edit (label and description) and delete (unused custom classes only). */
export function AssetClassEditor({ classes, editable }: { classes: TAssetClassItem[]; editable: boolean }) {
  const [editing, setEditing] = useState<TAssetClassItem | null>(null);
  const [deleting, setDeleting] = useState<TAssetClassItem | null>(null);
  return (
    <div className="space-y-6">
      <Table caption="Asset classes" head={editable ? ["Label", "Key", "Description", "Kind", "Actions"] : ["Label", "Key", "Description", "Kind"]}>
        {classes.map((c) => (
          <tr key={c.key}>
            <Td>{c.label}</Td>
            <Td mono>{c.key}</Td>
            <td className="px-3 py-2 align-top text-slate-700">{c.description || "—"}</td>
            <Td>{c.builtIn ? <Badge>built in</Badge> : <Badge tone="blue">added</Badge>}</Td>
            {editable && (
              <Td>
                <span className="flex gap-2">
                  <Button variant="secondary" onClick={() => setEditing(c)} aria-label={`Edit ${c.label}`}>
                    Edit
                  </Button>
                  {!c.builtIn && (
                    <Button variant="ghost" onClick={() => setDeleting(c)} aria-label={`Delete ${c.label}`}>
                      Delete
                    </Button>
                  )}
                </span>
              </Td>
            )}
          </tr>
        ))}
      </Table>
      {editable && <AddForm />}
      {editing && <EditDialog item={editing} onClose={() => setEditing(null)} />}
      {deleting && <DeleteDialog item={deleting} onClose={() => setDeleting(null)} />}
    </div>
  );
}

function Field({ id, label, value, onChange, error, hint }: { id: string; label: string; value: string; onChange: (v: string) => void; error?: string; hint?: string }) {
  return (
    <div>
      <label htmlFor={id} className="block text-sm font-medium text-slate-700">
        {label}
      </label>
      <input id={id} value={value} onChange={(e) => onChange(e.target.value)} aria-invalid={Boolean(error)} className={input} />
      {error ? <p className="mt-1 text-sm text-red-700">{error}</p> : hint ? <p className="mt-1 text-xs text-slate-500">{hint}</p> : null}
    </div>
  );
}

function AddForm() {
  const router = useRouter();
  const [form, setForm] = useState({ key: "", label: "", description: "" });
  const add = useMutation({
    mutationFn: () => unwrap(createAssetClassAction(form)),
    onSuccess: () => {
      setForm({ key: "", label: "", description: "" });
      router.refresh();
    },
  });
  const fields = fieldsOf(add.error);
  function onSubmit(event: FormEvent) {
    event.preventDefault();
    add.mutate();
  }
  return (
    <form onSubmit={onSubmit} aria-label="Add an asset class" className="space-y-3 rounded-lg border border-slate-200 p-4">
      <h3 className="text-sm font-semibold text-slate-900">Add an asset class</h3>
      <div className="grid gap-3 md:grid-cols-3">
        <Field id="class-key" label="Key" value={form.key} onChange={(key) => setForm({ ...form, key })} error={fields.key?.[0]} hint="e.g. payment-terminal; cannot change later" />
        <Field id="class-label" label="Label" value={form.label} onChange={(label) => setForm({ ...form, label })} error={fields.label?.[0]} />
        <Field id="class-description" label="Description" value={form.description} onChange={(description) => setForm({ ...form, description })} error={fields.description?.[0]} />
      </div>
      {add.isError && Object.keys(fields).length === 0 && (
        <p role="alert" className="text-sm text-red-700">
          {add.error.message}
        </p>
      )}
      {add.isSuccess && (
        <p role="status" className="text-sm text-emerald-700">
          Added {add.data.label}. It is a new column of the policy grid; drafts get cells for it when you edit them.
        </p>
      )}
      <Button type="submit" disabled={add.isPending}>
        {add.isPending ? "Adding…" : "Add asset class"}
      </Button>
    </form>
  );
}

function EditDialog({ item, onClose }: { item: TAssetClassItem; onClose: () => void }) {
  const router = useRouter();
  const [label, setLabel] = useState(item.label);
  const [description, setDescription] = useState(item.description);
  const save = useMutation({
    mutationFn: () => unwrap(updateAssetClassAction({ key: item.key, label, description })),
    onSuccess: () => {
      onClose();
      router.refresh();
    },
  });
  const fields = fieldsOf(save.error);
  function onSubmit(event: FormEvent) {
    event.preventDefault();
    save.mutate();
  }
  return (
    <Dialog open onClose={onClose} title={`Edit ${item.label}`}>
      <form onSubmit={onSubmit} className="space-y-3">
        <Field id="edit-class-label" label="Label" value={label} onChange={setLabel} error={fields.label?.[0]} />
        <Field id="edit-class-description" label="Description" value={description} onChange={setDescription} error={fields.description?.[0]} />
        {save.isError && Object.keys(fields).length === 0 && (
          <p role="alert" className="text-sm text-red-700">
            {save.error.message}
          </p>
        )}
        <div className="flex justify-end gap-2">
          <Button variant="secondary" onClick={onClose}>
            Cancel
          </Button>
          <Button type="submit" disabled={save.isPending}>
            Save
          </Button>
        </div>
      </form>
    </Dialog>
  );
}

function DeleteDialog({ item, onClose }: { item: TAssetClassItem; onClose: () => void }) {
  const router = useRouter();
  const remove = useMutation({
    mutationFn: () => unwrap(deleteAssetClassAction({ key: item.key })),
    onSuccess: () => {
      onClose();
      router.refresh();
    },
  });
  return (
    <Dialog open onClose={onClose} title={`Delete ${item.label}?`}>
      <div className="space-y-4">
        <p className="text-sm text-slate-700">The class disappears from the grid and from the choices owners register under. Reflex refuses if a registration or the active policy or a draft still uses it.</p>
        {remove.isError && (
          <p role="alert" className="rounded-md bg-red-50 px-3 py-2 text-sm text-red-800">
            {remove.error.message}
          </p>
        )}
        <div className="flex justify-end gap-2">
          <Button variant="secondary" onClick={onClose}>
            Cancel
          </Button>
          <Button variant="danger" onClick={() => remove.mutate()} disabled={remove.isPending}>
            Delete {item.label}
          </Button>
        </div>
      </div>
    </Dialog>
  );
}
