# The apps' screens.

nothing-today = Nothing planned today.
pending-changes = { $count ->
    [0] Everything is synced
    [one] { $count } change to sync
   *[other] { $count } changes to sync
}
due-on = due { $date }
overdue-since = overdue since { $date }
visit-saved = Visit saved
visit-saved-with-order = Visit saved, order of { $amount }
not-saved = Not saved: { $reason }
