# Les mots propres à `tournee` (la ligne de commande) ; libellés, formats et erreurs du cœur viennent du cœur.

# Erreurs.
error-line = tournee : erreur : { $message }
invalid-field = { $field } : { $reason }
usage-missing = il manque { $arg } (voir --help)
usage-unknown = argument inattendu : { $arg } (voir --help)
usage-unknown-command = commande inconnue : { $command } (voir --help)
usage-conflict = { $arg } ne peut pas être utilisé avec { $other }
usage-invalid = valeur « { $value } » invalide pour { $arg }
usage-missing-command = il manque une commande (voir --help)
unknown-lang = langue inconnue « { $value } » (fr ou en)
not-a-number = n'est pas un nombre entier (« { $text } »)
not-a-day = n'est pas une date (« { $text } » ; AAAA-MM-JJ)
not-a-time = n'est pas une date et une heure locales (« { $text } » ; AAAA-MM-JJ HH:MM)
unknown-code = valeur inconnue « { $text } » (au choix : { $choices })
needs-next-step = demande --next-step (la relance à créer)
one-resolution = donnez exactement un de --keep VALEUR, --restore, --confirm-delete
no-such-conflict = il n'y a pas de conflit n° { $number } ({ $count } listés)
required = est obligatoire (ou définissez { $variable })
nothing-to-change = rien à changer : donnez au moins un champ
not-enrolled = cet appareil n'est pas enrôlé : lancez `tournee enroll --server URL --code CODE`
already-enrolled = ce répertoire de données est déjà enrôlé (utilisateur { $user }) ; utilisez un autre --data-dir
not-found = { $field } : rien ne correspond à « { $value } »
ambiguous = { $field } : « { $value } » correspond à plusieurs comptes ; donnez l'un de ces identifiants :
no-data-dir = pas de répertoire de données : donnez --data-dir ou définissez TOURNEE_HOME
io-failed = { $path } : { $problem }
server-failed = le serveur intégré a échoué : { $problem }
demo-diverged = les appareils n'ont pas convergé : { $problem }

# Enrôlement et état.
enrolled = Enrôlé comme { $user } ({ $role }) sur { $server }. Appareil { $device }.
status-enrolled = Utilisateur { $user } ({ $role }) sur { $server }, appareil { $device }.
status-not-enrolled = Non enrôlé.
status-store = Base : { $path }
status-pending = { $pending } { $pending ->
        [one] modification en attente
       *[other] modifications en attente
    } de synchronisation, { $conflicts } { $conflicts ->
        [one] conflit
       *[other] conflits
    } à examiner.

# Terrain.
visit-logged = Visite enregistrée pour { $account } ({ $channel }).
follow-up-done = Relance faite : { $action } ({ $account }).
follow-up-created = Relance prévue le { $date } : { $action }
order = Commande { $amount }, marge { $margin }.
agenda-title = Agenda du { $date }
planned-visits = Visites prévues ({ $count })
follow-ups-due = Relances à faire ({ $count })
overdue = en retard
nothing = (aucune)
accounts-found = { $count } { $count ->
        [one] compte
       *[other] comptes
    }
account-created = Compte créé : { $name } ({ $id }).
account-saved = Compte enregistré : { $name } ({ $id }).
looks-like = Attention : cela ressemble à un compte qui existe déjà :
me = { $user } (moi)
contacts = Contacts ({ $count })
timeline = Historique ({ $count })
merged-from = Doublons fusionnés : { $accounts }
done = fait
lead-captured = Contact salon saisi à { $event } : { $person } ({ $id }).
leads-of = Contacts salon de { $event } ({ $count })
lead-qualified = Contact salon { $person } qualifié en compte { $account } ({ $id }).
lead-discarded = Contact salon { $person } écarté.

# Synchronisation.
syncing = Synchronisation avec { $server }
sync-progress = modifications envoyées
sync-report = { $sent } { $sent ->
        [one] document envoyé
       *[other] documents envoyés
    }, { $received } { $received ->
        [one] reçu
       *[other] reçus
    }, { $conflicts } { $conflicts ->
        [one] nouveau conflit
       *[other] nouveaux conflits
    }, { $pending } { $pending ->
        [one] modification encore en attente
       *[other] modifications encore en attente
    } ; { $round_trips } { $round_trips ->
        [one] aller-retour
       *[other] allers-retours
    }, { $bytes_up } o envoyés, { $bytes_down } o reçus.
review-conflicts = Examinez-les avec `tournee conflicts`.
quarantined = { $count } { $count ->
        [one] document reçu n'a pas pu être appliqué et a été mis de côté
       *[other] documents reçus n'ont pas pu être appliqués et ont été mis de côté
    } ; tout le reste a été appliqué (voir `tournee status`).
status-quarantined = Mis de côté, non appliqué : document { $document } ({ $reason }).

# Tableau de bord.
dashboard-team = Tableau de bord hebdomadaire : équipe, semaine du { $start } au { $end } (aujourd'hui { $today })
dashboard-rep = Tableau de bord hebdomadaire : { $rep }, semaine du { $start } au { $end } (aujourd'hui { $today })
col-indicator = Indicateur
col-week = Cette semaine
col-previous = Semaine préc.
col-objective = Objectif
actions-due = Actions à mener ({ $count })
action-due = { $date }  { $account } : { $action } ({ $owner })
look-at = Comptes à regarder ({ $count })
to-look-at = { $reason } : { $account } ({ $owner })

# Conflits.
conflicts = Conflits à examiner ({ $count })
conflict-field = { $number }. { $subject }, { $what }, { $field } : valeurs { $values } ; affiché : { $shown }
conflict-deleted = { $number }. { $subject }, { $what } : supprimé sur un appareil pendant une modification sur un autre (supprimé pour l'instant)
conflict-resolved = Conflit { $number } résolu.
quoted = « { $text } »

# Administration.
team-created = Équipe créée : { $name } (id { $id }).
user-created = Utilisateur créé : { $name }, { $role } (id { $id }).
code-issued = Code d'enrôlement : { $code } (valable une fois, jusqu'au { $until }).
code-link = Pour enrôler un téléphone d'un coup d'appareil photo, affichez ceci en QR code : { $link }
device-revoked = Appareil { $device } révoqué.

# Démo.
demo-title = Démo Tournée : une semaine de terrain, semaine du { $start } au { $end }, vue le { $today } (graine { $seed })
demo-team = { $team } : { $manager } (manager) ; commerciaux { $reps }.
demo-played = Joué hors ligne : { $contacts } { $contacts ->
        [one] contact
       *[other] contacts
    } cette semaine ({ $on_site } sur le terrain), { $orders } { $orders ->
        [one] commande
       *[other] commandes
    } pour { $revenue }, { $leads } { $leads ->
        [one] contact salon
       *[other] contacts salon
    } à { $event }, { $follow_ups } { $follow_ups ->
        [one] relance créée
       *[other] relances créées
    }.
demo-overlaps = Modifications croisées : { $first } et { $second } ont tous deux changé le téléphone et les notes de { $account } ; { $second } et { $third } ont tous deux créé { $lead_company } ; { $deleter } a supprimé une visite que { $editor } modifiait.
demo-syncs = Synchronisations, dans un ordre mélangé (graine { $seed }) :
demo-sync-line = { $number }. { $device } : { $sent } { $sent ->
        [one] envoyé
       *[other] envoyés
    }, { $received } { $received ->
        [one] reçu
       *[other] reçus
    }, { $conflicts } { $conflicts ->
        [one] nouveau conflit
       *[other] nouveaux conflits
    }
demo-converged = Les { $devices } appareils concordent : mêmes comptes, { $conflicts } { $conflicts ->
        [one] même conflit
       *[other] mêmes conflits
    }.
demo-merged-notes = Notes de { $account }, fusionnées : { $notes }
duplicates = Doublons possibles ({ $count })
demo-elapsed = Démo jouée en { $seconds } s.

# Objectifs.
not-a-period = n'est pas une période (« { $text } » ; 2026-03, 2026-T2, 2026 ou 2026-03-01..2026-03-31)
objective-saved = Objectif enregistré : { $metric } { $target } pour { $who }, du { $start } au { $end } ({ $id }).
objectives = Objectifs ({ $count })
team = l'équipe

# Export.
exported = { $rows } { $rows ->
        [one] ligne écrite
       *[other] lignes écrites
    } dans { $file }.
needs-event = les contacts salon de quel événement ? donnez --event

# Import.
import-read = { $file } : { $rows } { $rows ->
        [one] ligne
       *[other] lignes
    }, { $encoding }, séparateur « { $delimiter } ». Colonnes :
import-ignored = (ignorée)
import-to-create = À créer : { $count } { $count ->
        [one] compte
       *[other] comptes
    } avec { $contacts } { $contacts ->
        [one] contact
       *[other] contacts
    }.
import-created = Créés : { $count } { $count ->
        [one] compte
       *[other] comptes
    } avec { $contacts } { $contacts ->
        [one] contact
       *[other] contacts
    }.
import-existing = Déjà importés : { $count } { $count ->
        [one] compte
       *[other] comptes
    } (pas recréés), { $contacts } { $contacts ->
        [one] nouveau contact
       *[other] nouveaux contacts
    } pour eux.
import-similar = Ligne { $line }, { $name }, ressemble à un compte existant :
import-refused = Refusées : { $count } { $count ->
        [one] ligne
       *[other] lignes
    }.
import-refused-line = Ligne { $line } : { $reason }
import-dry-run = Simulation : rien n'a été écrit. Relancez sans --dry-run pour importer.
import-stopped = Rien n'a été écrit : corrigez les lignes refusées, ou importez les autres avec --skip-refused.
import-done = Import terminé. Le relancer ne crée rien deux fois.
revenue-to-set = À enregistrer : { $figures } { $figures ->
        [one] chiffre
       *[other] chiffres
    } sur { $accounts } { $accounts ->
        [one] compte
       *[other] comptes
    } ({ $unchanged } déjà comme dans le fichier).
revenue-set = Enregistrés : { $figures } { $figures ->
        [one] chiffre
       *[other] chiffres
    } sur { $accounts } { $accounts ->
        [one] compte
       *[other] comptes
    } ({ $unchanged } déjà comme dans le fichier).

# Aide de chaque commande et option : « help- » et le chemin de la commande, des tirets pour les points


# (« help-visit-order »), « any » pour une option commune à plusieurs commandes, « help » seul pour le programme.
help = Tournée sur un ordinateur : l'appareil d'un commercial, l'administration et une démo
help-any-help = Afficher l'aide
help-version = Afficher la version
help-json = Écrire du JSON pour les scripts au lieu du texte
help-lang = Langue : fr ou en (par défaut : selon LC_ALL / LANG)
help-data_dir = Répertoire de la base de cet appareil
help-tz = Fuseau horaire de cet appareil pour « aujourd'hui », l'agenda, les semaines et les heures saisies, par ex. Europe/Paris (par défaut : celui du système)
help-enroll = Enrôler cet appareil auprès d'un serveur avec un code à usage unique
help-enroll-server = URL du serveur, par ex. https://tournee.example.com (http:// seulement pour cet ordinateur)
help-enroll-code = Code d'enrôlement donné par l'administrateur
help-enroll-device_name = Un nom pour cet appareil dans la liste de l'administrateur (par défaut : tournee)
help-enroll-ca_cert = Une autorité de certification à reconnaître pour ce serveur (fichier PEM) : celle de votre entreprise, quand son certificat ne vient pas d'une autorité publique
help-status = Qui est cet appareil, ce qui attend la synchronisation, les conflits
help-visit = Saisir un compte rendu de visite (et sa prochaine étape comme relance)
help-visit-account = Identifiant du compte ou mots de son nom
help-visit-channel = on_site (par défaut), phone, video, trade_show ou email
help-visit-at = Début, heure locale AAAA-MM-JJ HH:MM (par défaut : maintenant)
help-visit-duration = Durée en minutes (par défaut : 30)
help-visit-objective = Objectif de la visite
help-visit-notes = Notes libres
help-visit-outcome = order_taken, progress, no_progress ou lost
help-visit-interest = none, low, medium ou high
help-visit-products = Produits abordés (répétez l'option)
help-visit-order = Montant de la commande en euros, par ex. 1250,50
help-visit-margin = Marge de la commande en euros
help-visit-next_step = Prochaine étape : crée aussi une relance
help-visit-due = Échéance de la prochaine étape, AAAA-MM-JJ (par défaut : dans 7 jours)
help-agenda = Visites prévues d'un jour et relances à faire d'ici là
help-agenda-day = Jour, AAAA-MM-JJ (par défaut : aujourd'hui)
help-done = Marquer une de vos relances comme faite
help-done-follow_up = Identifiant de la relance, tel que `tournee agenda` l'affiche
help-search = Chercher des comptes par nom, ville ou contact
help-search-text = Mots à chercher (rien : tous les comptes)
help-search-limit = Nombre maximal de comptes listés (par défaut : 20)
help-account = Créer, modifier ou afficher un compte
help-account-new = Créer un compte (signale les doublons possibles)
help-account-edit = Modifier les champs d'un compte
help-account-show = Un compte avec ses contacts et son historique
help-account-show-account = Identifiant du compte ou mots de son nom
help-account-edit-account = Identifiant du compte ou mots de son nom
help-lead = Contacts salon : saisir, lister, qualifier, écarter
help-lead-add = Saisir un contact salon (signale les comptes existants)
help-lead-add-name = Nom de la personne
help-lead-add-company = Entreprise
help-lead-add-email = E-mail
help-lead-add-phone = Téléphone
help-lead-add-notes = Notes
help-lead-add-interest = none, low, medium ou high
help-lead-list = Contacts salon de l'événement, les plus récents d'abord
help-lead-qualify = Transformer un contact salon en compte et contact
help-lead-qualify-into = Rattacher à ce compte existant au lieu d'en créer un
help-lead-qualify-horizon = Horizon du besoin du nouveau prospect : short_term, medium_long_term, out_of_target
help-lead-discard = Écarter un contact salon
help-import = Importer le fichier CSV d'un tableur
help-import-accounts = Importer le fichier clients : comptes et contacts (simulez d'abord avec --dry-run)
help-import-accounts-file = Le fichier CSV (séparé par ; ou ,, UTF-8 ou Windows-1252, en-têtes en français ou en anglais)
help-import-accounts-dry_run = Seulement montrer ce qui serait créé, ce qui ressemble à un doublon et chaque ligne refusée
help-import-accounts-skip_refused = Importer les bonnes lignes même si d'autres sont refusées
help-import-accounts-map = Lire la colonne COLONNE comme le champ CHAMP (par ex. « Code=external_ref », « Divers=- » pour l'ignorer) ; répétez l'option
help-import-revenue = Importer le chiffre d'affaires de l'ERP par compte, mois et famille de produits (remplace les chiffres que le fichier couvre, garde les autres)
help-import-revenue-file = Le fichier CSV : référence du compte, mois (2026-03 ou 03/2026), famille de produits, montant
help-import-revenue-dry_run = Seulement montrer ce qui changerait et chaque ligne refusée
help-import-revenue-skip_refused = Importer les bonnes lignes même si d'autres sont refusées
help-import-revenue-map = Lire la colonne COLONNE comme le champ CHAMP (external_ref, revenue.month, revenue.product_family, revenue.amount_cents) ; répétez l'option
help-objective = Les objectifs du manager par commercial ou équipe, période et indicateur : fixer, modifier, lister
help-objective-set = Fixer un objectif (appareil d'un manager)
help-objective-set-metric = visits, meetings, new_accounts, revenue ou margin
help-objective-set-target = Un nombre, ou des euros pour le chiffre d'affaires et la marge
help-objective-set-rep = Le commercial concerné (nom ou identifiant)
help-objective-set-team = Pour toute l'équipe (par défaut sans --rep)
help-objective-set-period = 2026-03 (un mois), 2026-T2 (un trimestre), 2026 (une année) ou 2026-03-01..2026-03-31
help-objective-set-note = Une remarque affichée avec l'objectif
help-objective-edit = Modifier l'indicateur, la cible, la période ou la remarque d'un objectif
help-objective-edit-objective = Identifiant de l'objectif, tel que `tournee objective list` l'affiche
help-objective-edit-metric = visits, meetings, new_accounts, revenue ou margin
help-objective-edit-target = Un nombre, ou des euros pour le chiffre d'affaires et la marge
help-objective-edit-period = 2026-03, 2026-T2, 2026 ou 2026-03-01..2026-03-31
help-objective-edit-note = Une remarque affichée avec l'objectif
help-objective-list = Lister les objectifs, par période
help-objective-list-rep = Seulement ceux de ce commercial (nom ou identifiant)
help-objective-list-team = Seulement ceux de l'équipe
help-objective-list-period = Seulement ceux qui touchent cette période : 2026-03, 2026-T2, 2026 ou 2026-03-01..2026-03-31
help-export = Exporter pour un tableur (CSV dans votre langue) ou un script (JSON) : ce que contient cet appareil
help-export-what = accounts, contacts, visits, follow-ups, opportunities, leads ou dashboard
help-export-output = Le fichier à écrire
help-export-format = csv (par défaut : ; et virgule décimale en français, UTF-8 avec BOM) ou json
help-export-event = L'événement dont exporter les contacts salon
help-export-team = Le tableau de bord de l'équipe
help-export-rep = Le tableau de bord de ce commercial, par son nom ou son identifiant (par défaut : le vôtre)
help-export-week = Un jour de la semaine du tableau de bord, AAAA-MM-JJ (par défaut : aujourd'hui)
help-sync = Envoyer les modifications locales et recevoir celles de l'équipe
help-dashboard = Le tableau de bord hebdomadaire (le vôtre, celui d'un commercial ou de l'équipe)
help-dashboard-team = Celui de toute l'équipe (la vue du manager)
help-dashboard-rep = Celui de ce commercial, par son nom ou son identifiant
help-dashboard-week = Un jour de la semaine à afficher, AAAA-MM-JJ (par défaut : aujourd'hui)
help-conflicts = Examiner les conflits (la liste par défaut) et les résoudre
help-conflicts-list = Lister les conflits, numérotés
help-conflicts-resolve = Régler le conflit NUMÉRO
help-conflicts-resolve-number = Son numéro dans `tournee conflicts list`
help-conflicts-resolve-keep = Garder cette valeur parmi celles en conflit
help-conflicts-resolve-restore = Rétablir l'élément supprimé, avec les modifications
help-conflicts-resolve-confirm_delete = Confirmer la suppression
help-admin = Administration d'un serveur (jeton d'administrateur)
help-admin-server = URL du serveur
help-admin-admin_token = Jeton d'administrateur
help-admin-ca_cert = Une autorité de certification à reconnaître pour ce serveur (fichier PEM)
help-admin-create-team = Créer une équipe
help-admin-create-team-name = Nom de l'équipe
help-admin-add-user = Créer un commercial ou un manager d'une équipe
help-admin-add-user-name = Nom de l'utilisateur
help-admin-add-user-role = rep ou manager
help-admin-add-user-team = Identifiant de l'équipe
help-admin-enrollment-code = Émettre un code d'enrôlement à usage unique pour un utilisateur
help-admin-enrollment-code-user = Identifiant de l'utilisateur
help-admin-revoke-device = Révoquer immédiatement le jeton d'un appareil
help-admin-revoke-device-device = Identifiant de l'appareil
help-demo = Jouer une semaine de terrain d'une équipe avec un serveur intégré
help-demo-seed = Graine de l'ordre des synchronisations (par défaut : 2026)
help-any-event = Salon ou événement
help-any-lead = Identifiant du contact salon
help-any-name = Raison sociale
help-any-kind = client, prospect, former_client ou prescriber
help-any-horizon = Horizon du besoin : short_term, medium_long_term ou out_of_target
help-any-source = Origine : field, trade_show, web, referral, inbound_call
help-any-territory = Zone de chalandise
help-any-segment = Segment
help-any-address = Adresse
help-any-postcode = Code postal
help-any-city = Ville
help-any-phone = Téléphone
help-any-website = Site web
help-any-registration = SIREN, SIRET ou numéro de TVA
help-any-potential = Potentiel annuel estimé en euros
help-any-notes = Notes (remplacent celles du compte)
help-any-dispute = Un litige ou une réclamation en cours : true ou false

# Titres des pages d'aide.
heading-usage = Utilisation :
heading-commands = Commandes
heading-arguments = Arguments
heading-options = Options
heading-global-options = Options générales
