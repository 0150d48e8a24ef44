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
scan-enrollment-code = Scan the admin's code
# Each language is named in itself, whatever the screen's language.
language-fr = Français
language-en = English
connected-as = Connected to { $server } as { $role }
settings-title = Settings

## Today, again.
synced-on = Synced on { $date } at { $time }

## More destinations.
tab-pipeline = Pipeline
tab-dashboard = Week
tab-more = More
tab-sync = Sync

## Account filters and editing.
filter-all = All
filter-mine = Mine
filter-dormant = Dormant
filter-abc-class = Class { $class }
edit = Edit
save = Save
cancel = Cancel
account-saved = Account saved
open-dispute = Open dispute or complaint
lost = Lost: a decision was reached
opportunities = Deals
possible-duplicate-of = Possibly the same company as { $name }
call = Call
mail = Email

## Log a visit, again.
due-day = Due { $day }
products-hint = separated by commas
ok = OK

## Trade-show capture, again.
scan-badge = Scan a badge
badge-read = Badge read: { $name }. Check, then save.

## Pipeline.
pipeline-title = Open deals
pipeline-total = { $count ->
    [0] No deal
    [one] { $count } deal
   *[other] { $count } deals
} · { $amount }
closes-on = closes { $date }
close-overdue = was to close { $date }
no-open-deal = No open deal
mine-only = Mine only

## Weekly dashboard.
week-of = Week of { $date }
my-week = My week
the-team = Team
last-week = last week { $value }
objective-progress = objective { $target } ({ $percent })
trend-over-weeks = Last { $weeks } weeks
actions-due = Actions due
accounts-to-look-at = Accounts to look at
nothing-due = Nothing due
no-account-to-look-at = No account needs a look
no-value = —

## Sync and conflicts.
sync-title = Sync and conflicts
conflicts-to-settle = { $count ->
    [0] No conflict to settle
    [one] { $count } conflict to settle
   *[other] { $count } conflicts to settle
}
conflict-on = { $record } · { $field }
record-itself = the record
shown-everywhere = shown now
keep-this = Keep this one
deleted-while-edited = Deleted on one device while edited on another
restore = Keep it, with the edits
confirm-delete = Delete it
conflict-settled = Conflict settled
duplicates-title = { $count ->
    [0] No duplicate company
    [one] { $count } possible duplicate company
   *[other] { $count } possible duplicate companies
}
keep-and-merge = Keep { $name }, merge the other
merged = Merged into { $name }

## Headings of exported sheets.
column-channel = Channel
column-outcome = Outcome
column-interest = Interest
column-stage = Stage
column-indicator = Indicator
column-this-week = This week
column-previous-week = Previous week
column-objective-target = Objective
column-objective-progress = Objective reached (%)
