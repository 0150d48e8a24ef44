# What went wrong, told to the user: no SQL, no path, nothing the server said verbatim (the
# details go to the app's log).

error-not-found = { $what ->
    [account] Account
    [lead] Lead
    [objective] Objective
    [document] Document
   *[record] Record
} { $id } was not found.
error-damaged-document = Document { $document } is damaged or comes from a newer version of the app; it was left as it was.
error-document-edit = The change could not be written to its document; the details are in the app's log.
error-database = The local database failed; the details are in the app's log.
error-database-damaged = The device's data file is damaged and cannot be read. What was already synced is safe on the server: re-enroll this device to get it back. The details are in the app's log.
error-storage-full = The device's storage is full: nothing was saved. Free some space and try again.
error-database-too-new = The data on this device comes from a newer version of the app (schema { $found }, this one reads up to { $supported }): update the app.
error-interrupted = An internal error interrupted the operation; restart the app.
error-data-directory = The app's data directory cannot be created or written to; the details are in the app's log.

sync-error-not-enrolled = This device is not enrolled yet.
sync-error-already-enrolled = This device is already enrolled (user { $user }); open it instead.
sync-error-unauthorized = The server refused this device's credentials: the code may be wrong or already used, or the device revoked.
sync-error-forbidden = Your role does not allow this.
sync-error-rejected = The server refused the request as malformed or too large.
sync-error-unavailable = The server cannot be reached now. Nothing is lost: try again later.
sync-error-busy = The server is busy: try again { $seconds ->
        [0] in a moment
       *[other] in { $seconds } s
    }. Nothing is lost.
sync-error-protocol = The server's answer could not be understood; the app may need an update.
sync-error-untrusted-certificate = The server's certificate is not trusted by this device: check the server's address, or install your company's certificate authority (given at enrollment).
sync-error-insecure-server = { $server } is not a secure address: use https:// (plain http:// is only for this computer).
sync-error-bad-ca-certificate = The certificate authority file cannot be used: it must hold PEM certificates (-----BEGIN CERTIFICATE-----).
