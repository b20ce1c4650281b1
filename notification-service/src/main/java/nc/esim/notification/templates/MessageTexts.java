package nc.esim.notification.templates;

import io.quarkus.qute.i18n.Message;
import io.quarkus.qute.i18n.MessageBundle;

/**
 * The texts of customer messages, type-safe: French here (the default), English and Simplified Chinese in
 * {@code messages/msg_en.properties} and {@code msg_zh.properties}, keyed by method name. Qute checks at
 * build time that every text uses only its method's parameters; {@code MessageTextsTest} that every
 * language has every text. Dates are in Nouméa time, amounts formatted for the language; no address,
 * number or ICCID ever appears.
 */
@MessageBundle(value = "msg", locale = "fr")
public interface MessageTexts {
    @Message("Bonjour,")
    String greeting();

    @Message("L'équipe eSIM")
    String signature();

    @Message("Votre espace client")
    String account();

    @Message("Votre forfait {plan} est actif")
    String subscriptionActivatedSubject(String plan);

    @Message("Votre forfait {plan} est actif jusqu'au {validUntil}. Bon séjour en Nouvelle-Calédonie !")
    String subscriptionActivatedBody(String plan, String validUntil);

    @Message("Votre forfait {plan} est renouvelé")
    String subscriptionRenewedSubject(String plan);

    @Message("Merci ! Votre forfait {plan} est renouvelé jusqu'au {validUntil}{#if amount} pour {amount}{/if}. Le reçu de la commande {order} est dans votre espace client.")
    String subscriptionRenewedBody(String plan, String validUntil, String amount, String order);

    @Message("Recharge de données ajoutée")
    String subscriptionToppedUpSubject();

    @Message("{data} de données ont été ajoutés à votre forfait{#if amount} pour {amount}{/if}, valables jusqu'au {validUntil}.")
    String subscriptionToppedUpBody(String validUntil, String data, String amount);

    @Message("Validité prolongée")
    String subscriptionExtendedSubject();

    @Message("La validité de votre forfait {plan} est prolongée jusqu'au {validUntil}{#if amount} pour {amount}{/if}.")
    String subscriptionExtendedBody(String plan, String validUntil, String amount);

    @Message("Votre forfait {plan} expire bientôt")
    String subscriptionExpiringSoonSubject(String plan);

    @Message("Votre forfait {plan} expire le {validUntil}. Renouvelez-le avant cette date pour garder votre numéro.")
    String subscriptionExpiringSoonBody(String plan, String validUntil);

    @Message("Votre forfait {plan} a expiré")
    String subscriptionExpiredSubject(String plan);

    @Message("Votre forfait {plan} a expiré le {validUntil}. Vous pouvez encore le renouveler pendant la période de grâce et garder votre numéro.")
    String subscriptionExpiredBody(String plan, String validUntil);

    @Message("Votre numéro n'est plus réservé")
    String subscriptionGraceEndedSubject();

    @Message("La période de grâce de votre forfait {plan} est terminée ; votre numéro n'est plus réservé.")
    String subscriptionGraceEndedBody(String plan);

    @Message("Données épuisées")
    String subscriptionSuspendedSubject();

    @Message("Vous avez utilisé toutes les données de votre forfait {plan}. Ajoutez une recharge ou renouvelez votre forfait pour naviguer à nouveau.")
    String subscriptionSuspendedBody(String plan);

    @Message("Le renouvellement automatique a échoué")
    String subscriptionAutoRenewFailedSubject();

    @Message("Le renouvellement automatique de votre forfait {plan} n'a pas pu être payé (commande {order}). Renouvelez-le vous-même pour ne pas être coupé.")
    String subscriptionAutoRenewFailedBody(String plan, String order);

    @Message("Paiement non reçu")
    String subscriptionPaymentExpiredSubject();

    @Message("Nous n'avons pas reçu le paiement de la commande {order} à temps ; elle est annulée et rien ne vous a été facturé.")
    String subscriptionPaymentExpiredBody(String order);

    @Message("80 % de vos données utilisées")
    String usageData80Subject();

    @Message("Vous avez utilisé {level} % de vos données ({used} sur {limit}). Pensez à ajouter une recharge.")
    String usageData80Body(String level, String used, String limit);

    @Message("Données épuisées")
    String usageData100Subject();

    @Message("Vous avez utilisé toutes vos données ({limit}). Ajoutez une recharge ou renouvelez votre forfait pour naviguer à nouveau.")
    String usageData100Body(String limit);

    @Message("Une de vos offres utilisée à 80 %")
    String usageData80MoreLeftSubject();

    @Message("Vous avez utilisé {level} % d'une de vos offres ({used} sur {limit}). Il vous reste {left} de données en tout.")
    String usageData80MoreLeftBody(String level, String used, String limit, String left);

    @Message("Une de vos offres est épuisée")
    String usageData100MoreLeftSubject();

    @Message("Vous avez utilisé les {limit} d'une de vos offres. Il vous reste {left} de données : vous restez connecté.")
    String usageData100MoreLeftBody(String limit, String left);

    @Message("Plus de données")
    String usageDataExhaustedSubject();

    @Message("Vous n'avez plus de données. Ajoutez une recharge ou renouvelez votre forfait pour naviguer à nouveau.")
    String usageDataExhaustedBody();

    @Message("80 % de vos minutes utilisées")
    String usageVoice80Subject();

    @Message("Vous avez utilisé {level} % de vos appels ({used} sur {limit}).")
    String usageVoice80Body(String level, String used, String limit);

    @Message("Minutes épuisées")
    String usageVoice100Subject();

    @Message("Vous avez utilisé toutes vos minutes d'appel ({limit}).")
    String usageVoice100Body(String limit);

    @Message("80 % de vos SMS utilisés")
    String usageSms80Subject();

    @Message("Vous avez envoyé {level} % de vos SMS ({used} sur {limit}).")
    String usageSms80Body(String level, String used, String limit);

    @Message("SMS épuisés")
    String usageSms100Subject();

    @Message("Vous avez envoyé tous vos SMS ({limit}).")
    String usageSms100Body(String limit);

    @Message("Votre code eSIM")
    String bindingCodeSubject();

    // never asks for anything back, and warns that staff never ask for the code (phishing)
    @Message("Code eSIM : {code}. Valable {minutes} min. Ne le donnez à personne : nos conseillers ne vous le demanderont jamais.")
    String bindingCodeBody(String code, String minutes);
}
