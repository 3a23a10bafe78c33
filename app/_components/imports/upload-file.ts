/** The network failed during the upload (the panel says so in the user's language). */
export class UploadFailed extends Error {
  constructor() {
    super("The upload failed: check the connection and try again.");
  }
}

/** Sends a file as the raw request body (so the server can stream it), reporting upload progress. */
export function uploadFile(url: string, file: File, headers: Record<string, string>, onUpload: (fraction: number) => void): Promise<{ status: number; body: unknown }> {
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open("POST", url);
    xhr.setRequestHeader("content-type", file.type || "application/octet-stream");
    xhr.setRequestHeader("x-file-name", encodeURIComponent(file.name));
    for (const [name, value] of Object.entries(headers)) xhr.setRequestHeader(name, value);
    xhr.upload.onprogress = (e) => e.lengthComputable && onUpload(e.loaded / e.total);
    xhr.onerror = () => reject(new UploadFailed());
    xhr.onload = () => {
      let body: unknown = null;
      try {
        body = JSON.parse(xhr.responseText);
      } catch {
        body = null; // the caller reports the bare status
      }
      resolve({ status: xhr.status, body });
    };
    xhr.send(file);
  });
}
