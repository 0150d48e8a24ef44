# Ce qui n'a pas marché, dit à l'utilisateur : ni SQL, ni chemin, rien de ce que le serveur a
# répondu mot pour mot (le détail va dans le journal de l'application).

error-not-found = { $what ->
    [account] Le compte
    [lead] Le contact salon
    [objective] L'objectif
    [document] Le document
   *[record] L'élément
} { $id } est introuvable.
error-damaged-document = Le document { $document } est endommagé ou vient d'une version plus récente de l'application ; il est resté tel quel.
error-document-edit = La modification n'a pas pu être écrite dans son document ; le détail est dans le journal de l'application.
error-database = La base locale a échoué ; le détail est dans le journal de l'application.
error-database-damaged = Le fichier de données de l'appareil est endommagé et ne peut pas être lu. Ce qui a déjà été synchronisé est en sécurité sur le serveur : réinscrivez cet appareil pour le retrouver. Le détail est dans le journal de l'application.
error-storage-full = Le stockage de l'appareil est plein : rien n'a été enregistré. Libérez de la place et réessayez.
error-database-too-new = Les données de cet appareil viennent d'une version plus récente de l'application (schéma { $found }, celle-ci lit jusqu'au { $supported }) : mettez l'application à jour.
error-interrupted = Une erreur interne a interrompu l'opération ; redémarrez l'application.
error-data-directory = Le répertoire de données de l'application ne peut pas être créé ou écrit ; le détail est dans le journal de l'application.

sync-error-not-enrolled = Cet appareil n'est pas encore enrôlé.
sync-error-already-enrolled = Cet appareil est déjà enrôlé (utilisateur { $user }) ; ouvrez-le plutôt.
sync-error-unauthorized = Le serveur a refusé les identifiants de cet appareil : le code est peut-être faux ou déjà utilisé, ou l'appareil révoqué.
sync-error-forbidden = Votre rôle ne le permet pas.
sync-error-rejected = Le serveur a refusé la requête, mal formée ou trop grande.
sync-error-unavailable = Le serveur est injoignable pour l'instant. Rien n'est perdu : réessayez plus tard.
sync-error-busy = Le serveur est occupé : réessayez { $seconds ->
        [0] dans un instant
       *[other] dans { $seconds } s
    }. Rien n'est perdu.
sync-error-protocol = La réponse du serveur est incompréhensible ; l'application doit peut-être être mise à jour.
sync-error-untrusted-certificate = Le certificat du serveur n'est pas reconnu par cet appareil : vérifiez l'adresse du serveur, ou installez l'autorité de certification de votre entreprise (donnée à l'enrôlement).
sync-error-insecure-server = { $server } n'est pas une adresse sécurisée : utilisez https:// (http:// simple est réservé à cet ordinateur).
sync-error-bad-ca-certificate = Le fichier d'autorité de certification est inutilisable : il doit contenir des certificats PEM (-----BEGIN CERTIFICATE-----).
