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

## Today.
planned-visits = Planned visits
follow-ups-due = Follow-ups due
synced-at = Synced at { $time }
not-synced-yet = Not synced yet
syncing = Syncing…
sync-failed = Sync failed: { $reason }
sync-now = Sync now

## Log a visit.
log-visit-title = Log a visit
no-next-step = No next step
next-step-required = Choose a next step with its date, or “No next step”
save-visit = Save the visit

## Accounts.
search-accounts = Search accounts
no-account-found = No account matches “{ $text }”
contacts = Contacts
timeline = History
nothing-logged = Nothing logged for this account yet
done-on = done { $date }

## Trade-show capture.
capture-title = Trade show: { $event }
save-lead-and-next = Save, next lead
lead-saved = Saved: { $name }
maybe-an-account = { $count ->
    [one] Already an account? One looks alike
   *[other] Already an account? { $count } look alike
}
event-leads = { $count ->
    [0] No lead captured yet
    [one] { $count } lead captured
   *[other] { $count } leads captured
}
qualify = Qualify
discard = Discard

## Follow-ups.
follow-ups-title = Follow-ups
due-this-week = Prospects due this week
at-risk = Prospects about to be dropped
nothing-to-follow-up = Nothing to follow up
contacts-of-target = { $done ->
    [one] { $done } contact
   *[other] { $done } contacts
} of { $target }
contacts-target-reached = { $done } contacts, target reached
mark-done = Done

## The app's destinations.
tab-today = Today
tab-accounts = Accounts
tab-trade-show = Trade show

## Enrollment and settings.
enroll-title = Enroll this device
server-address = Server address
enrollment-code = Enrollment code
enroll = Enroll
# Each language is named in itself, whatever the screen's language.
language-fr = Français
language-en = English
connected-as = Connected to { $server } as { $role }
settings-title = Settings
