"use client";

import { useMutation } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useEffect, useRef, useState, type FormEvent } from "react";
import { createAssetClassAction, deleteAssetClassAction, updateAssetClassAction } from "@/app/(console)/policy/actions";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { TextField } from "@/components/ui/form-field";
import { useDialogSlot } from "@/components/ui/use-dialog-slot";
import { useFocusFirstInvalid } from "@/components/ui/use-focus-first-invalid";
import { Table, Td } from "@/components/ui/table";
import type { TAssetClassItem } from "@/lib/server/policy/list-asset-classes";
import { fieldsOf, unwrap } from "./action-result";

/** The asset-class list with add, edit (label and description) and delete (unused custom classes only). */
export function AssetClassEditor({ classes, editable }: { classes: TAssetClassItem[]; editable: boolean }) {
  // Each dialog opens fresh on the class as it is then, and stays mounted so that focus goes
  // back to the button that opened it.
  const dialog = useDialogSlot<{ kind: "edit" | "delete"; item: TAssetClassItem }>();
  // A deleted class takes its row, and the Delete button focus went back to, with it: focus
  // goes to this message instead, which says what happened.
  const [deleted, setDeleted] = useState<string | null>(null);
  const deletedNote = useRef<HTMLParagraphElement>(null);
  useEffect(() => {
    if (deleted) deletedNote.current?.focus();
  }, [deleted]);
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
                  <Button
                    variant="secondary"
                    onClick={() => dialog.show({ kind: "edit", item: c })}
                    aria-label={`Edit ${c.label}`}
                  >
                    Edit
                  </Button>
                  {!c.builtIn && (
                    <Button
                      variant="ghost"
                      onClick={() => dialog.show({ kind: "delete", item: c })}
                      aria-label={`Delete ${c.label}`}
                    >
                      Delete
                    </Button>
                  )}
                </span>
              </Td>
            )}
          </tr>
        ))}
      </Table>
      <p ref={deletedNote} tabIndex={-1} role="status" className="text-sm text-emerald-700 empty:hidden">
        {deleted ? `Deleted ${deleted}. It is gone from the grid and from the classes owners register under.` : ""}
      </p>
      {editable && <AddForm />}
      {dialog.shown?.value.kind === "edit" && <EditDialog key={dialog.shown.opening} item={dialog.shown.value.item} open={dialog.shown.open} onClose={dialog.hide} />}
      {dialog.shown?.value.kind === "delete" && (
        <DeleteDialog key={dialog.shown.opening} item={dialog.shown.value.item} open={dialog.shown.open} onClose={dialog.hide} onDeleted={setDeleted} />
      )}
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
  const formElement = useRef<HTMLFormElement>(null);
  useFocusFirstInvalid(formElement, add.isPending);
  function onSubmit(event: FormEvent) {
    event.preventDefault();
    add.mutate();
  }
  return (
    <form ref={formElement} onSubmit={onSubmit} aria-label="Add an asset class" className="space-y-3 rounded-lg border border-slate-200 p-4">
      <h3 className="text-sm font-semibold text-slate-900">Add an asset class</h3>
      <div className="grid gap-3 md:grid-cols-3">
        <TextField id="class-key" label="Key" value={form.key} onChange={(key) => setForm({ ...form, key })} error={fields.key?.[0]} hint="e.g. payment-terminal; cannot change later" />
        <TextField id="class-label" label="Label" value={form.label} onChange={(label) => setForm({ ...form, label })} error={fields.label?.[0]} />
        <TextField id="class-description" label="Description" value={form.description} onChange={(description) => setForm({ ...form, description })} error={fields.description?.[0]} />
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

function EditDialog({ item, open, onClose }: { item: TAssetClassItem; open: boolean; onClose: () => void }) {
  const router = useRouter();
  const [label, setLabel] = useState(item.label);
  const [description, setDescription] = useState(item.description);
  const save = useMutation({
    mutationFn: () => unwrap(updateAssetClassAction({ key: item.key, label, description })),
    onSuccess: () => {
      close();
      router.refresh();
    },
  });
  // Closing starts the dialog over: reopened, it shows the class as it is.
  function close() {
    setLabel(item.label);
    setDescription(item.description);
    save.reset();
    onClose();
  }
  const fields = fieldsOf(save.error);
  return (
    <ConfirmDialog
      open={open}
      onClose={close}
      title={`Edit ${item.label}`}
      onConfirm={() => save.mutate()}
      pending={save.isPending}
      confirmLabel="Save"
      pendingLabel="Saving…"
      error={save.isError && Object.keys(fields).length === 0 ? save.error.message : undefined}
    >
      <TextField id="edit-class-label" label="Label" value={label} onChange={setLabel} error={fields.label?.[0]} />
      <TextField id="edit-class-description" label="Description" value={description} onChange={setDescription} error={fields.description?.[0]} />
    </ConfirmDialog>
  );
}

function DeleteDialog({ item, open, onClose, onDeleted }: { item: TAssetClassItem; open: boolean; onClose: () => void; onDeleted: (label: string) => void }) {
  const router = useRouter();
  const remove = useMutation({
    mutationFn: () => unwrap(deleteAssetClassAction({ key: item.key })),
    onSuccess: () => {
      close();
      onDeleted(item.label);
      router.refresh();
    },
  });
  function close() {
    remove.reset();
    onClose();
  }
  return (
    <ConfirmDialog
      open={open}
      onClose={close}
      title={`Delete ${item.label}?`}
      onConfirm={() => remove.mutate()}
      pending={remove.isPending}
      confirmLabel={`Delete ${item.label}`}
      pendingLabel="Deleting…"
      variant="danger"
      error={remove.isError ? remove.error.message : undefined}
    >
      <p className="text-sm text-slate-700">The class disappears from the grid and from the choices owners register under. Reflex refuses if a registration or the active policy or a draft still uses it.</p>
    </ConfirmDialog>
  );
}
