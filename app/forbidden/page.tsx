import Link from "next/link";

export const metadata = { title: "Not allowed" };

export default async function ForbiddenPage({ searchParams }: { searchParams: Promise<{ need?: string }> }) {
  const { need } = await searchParams;
  return (
    <div className="flex min-h-screen items-center justify-center px-4">
      <div className="max-w-md text-center">
        <p className="text-sm font-semibold text-red-600">403</p>
        <h1 className="mt-2 text-2xl font-bold">Your role does not allow this page</h1>
        <p className="mt-2 text-sm text-slate-600">
          {need ? <>It needs the permission <code className="font-mono">{need}</code>. </> : null}
          Ask your CISO if you need access.
        </p>
        <Link href="/" className="mt-6 inline-block text-sm font-semibold text-indigo-600 hover:underline">
          Back to the overview
        </Link>
      </div>
    </div>
  );
}
