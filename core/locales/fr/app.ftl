# Les écrans des applications.

nothing-today = Rien de prévu aujourd'hui.
pending-changes = { $count ->
    [0] Tout est synchronisé
    [one] { $count } modification à synchroniser
   *[other] { $count } modifications à synchroniser
}
due-on = pour le { $date }
overdue-since = en retard depuis le { $date }
visit-saved = Visite enregistrée
visit-saved-with-order = Visite enregistrée, commande de { $amount }
not-saved = Non enregistré : { $reason }

## Aujourd'hui.
planned-visits = Visites prévues
follow-ups-due = Relances à faire
synced-at = Synchronisé à { $time }
not-synced-yet = Pas encore synchronisé
syncing = Synchronisation…
sync-failed = Échec de la synchronisation : { $reason }
sync-now = Synchroniser

## Compte rendu de visite.
log-visit-title = Compte rendu de visite
no-next-step = Pas de prochaine étape
next-step-required = Choisissez une prochaine étape et sa date, ou « Pas de prochaine étape »
save-visit = Enregistrer la visite

## Comptes.
search-accounts = Rechercher un compte
no-account-found = Aucun compte ne correspond à « { $text } »
contacts = Contacts
timeline = Historique
nothing-logged = Rien d'enregistré pour ce compte
done-on = faite le { $date }

## Saisie sur salon.
capture-title = Salon : { $event }
save-lead-and-next = Enregistrer, contact suivant
lead-saved = Enregistré : { $name }
maybe-an-account = { $count ->
    [one] Déjà un compte ? Un compte lui ressemble
   *[other] Déjà un compte ? { $count } comptes lui ressemblent
}
event-leads = { $count ->
    [0] Aucun contact saisi pour l'instant
    [one] { $count } contact saisi
   *[other] { $count } contacts saisis
}
qualify = Qualifier
discard = Écarter

## Relances.
follow-ups-title = Relances
due-this-week = Prospects à relancer cette semaine
at-risk = Prospects sur le point d'être abandonnés
nothing-to-follow-up = Rien à relancer
contacts-of-target = { $done ->
    [one] { $done } contact
   *[other] { $done } contacts
} sur { $target }
contacts-target-reached = { $done } contacts, objectif atteint
mark-done = Fait

## Les destinations de l'application.
tab-today = Aujourd'hui
tab-accounts = Comptes
tab-trade-show = Salon

## Enrôlement et réglages.
enroll-title = Enrôler cet appareil
server-address = Adresse du serveur
enrollment-code = Code d'enrôlement
enroll = Enrôler
scan-enrollment-code = Scanner le code de l'admin
# Chaque langue est nommée dans sa langue, quelle que soit celle de l'écran.
language-fr = Français
language-en = English
connected-as = Connecté à { $server } en tant que { $role }
settings-title = Réglages

## Aujourd'hui, suite.
synced-on = Synchronisé le { $date } à { $time }

## Autres destinations.
tab-pipeline = Affaires
tab-dashboard = Semaine
tab-more = Plus
tab-sync = Synchro

## Filtres et modification des comptes.
filter-all = Tous
filter-mine = Les miens
filter-dormant = Dormants
filter-abc-class = Classe { $class }
edit = Modifier
save = Enregistrer
cancel = Annuler
account-saved = Compte enregistré
open-dispute = Litige ou réclamation en cours
lost = Perdu : une décision est prise
opportunities = Affaires
possible-duplicate-of = Peut-être la même entreprise que { $name }
call = Appeler
mail = Écrire

## Compte rendu de visite, suite.
due-day = Échéance : { $day }
products-hint = séparés par des virgules
ok = OK

## Salon, suite.
scan-badge = Scanner un badge
badge-read = Badge lu : { $name }. Vérifiez, puis enregistrez.

## Affaires.
pipeline-title = Affaires en cours
pipeline-total = { $count ->
    [0] Aucune affaire
    [one] { $count } affaire
   *[other] { $count } affaires
} · { $amount }
closes-on = clôture le { $date }
close-overdue = devait clôturer le { $date }
no-open-deal = Aucune affaire en cours
mine-only = Les miennes

## Tableau de bord de la semaine.
week-of = Semaine du { $date }
my-week = Ma semaine
the-team = L'équipe
last-week = sem. passée { $value }
objective-progress = objectif { $target } ({ $percent })
trend-over-weeks = { $weeks } dernières semaines
actions-due = Actions à faire
accounts-to-look-at = Comptes à regarder
nothing-due = Rien à faire
no-account-to-look-at = Aucun compte à regarder
no-value = —

## Synchronisation et conflits.
sync-title = Synchronisation et conflits
conflicts-to-settle = { $count ->
    [0] Aucun conflit à régler
    [one] { $count } conflit à régler
   *[other] { $count } conflits à régler
}
conflict-on = { $record } · { $field }
record-itself = la fiche
shown-everywhere = affichée
keep-this = Garder celle-ci
deleted-while-edited = Supprimé sur un appareil, modifié sur un autre
restore = Le garder, avec les modifications
confirm-delete = Le supprimer
conflict-settled = Conflit réglé
duplicates-title = { $count ->
    [0] Aucun doublon d'entreprise
    [one] { $count } doublon d'entreprise possible
   *[other] { $count } doublons d'entreprise possibles
}
keep-and-merge = Garder { $name }, fusionner l'autre
merged = Fusionné dans { $name }

## En-têtes des tableaux exportés.
column-channel = Canal
column-outcome = Résultat
column-interest = Intérêt
column-stage = Étape
column-indicator = Indicateur
column-this-week = Cette semaine
column-previous-week = Semaine précédente
column-objective-target = Objectif
column-objective-progress = Objectif atteint (%)
