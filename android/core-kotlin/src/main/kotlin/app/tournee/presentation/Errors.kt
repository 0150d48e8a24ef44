package app.tournee.presentation

import app.tournee.core.TourneeException

/** The message of any failure of the core, as the core worded it in the device's language. */
internal fun TourneeException.text(): String = when (this) {
    is TourneeException.Invalid -> text
    is TourneeException.NotFound -> text
    is TourneeException.NotEnrolled -> text
    is TourneeException.AlreadyEnrolled -> text
    is TourneeException.Unauthorized -> text
    is TourneeException.Forbidden -> text
    is TourneeException.Rejected -> text
    is TourneeException.Unavailable -> text
    is TourneeException.Protocol -> text
    is TourneeException.Storage -> text
    is TourneeException.Callback -> text
}
