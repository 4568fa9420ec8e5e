import Link from "next/link";

export default function NotFound() {
  return (
    <div className="flex min-h-screen items-center justify-center px-4">
      <div className="max-w-md text-center">
        <p className="text-sm font-semibold text-indigo-600">404</p>
        <h1 className="mt-2 text-2xl font-bold">Page not found</h1>
        <p className="mt-2 text-sm text-slate-600">There is nothing at this address. Check the link, or start from the overview.</p>
        <Link href="/" className="mt-6 inline-block text-sm font-semibold text-indigo-600 hover:underline">
          Back to the overview
        </Link>
      </div>
    </div>
  );
}
