package com.anastig.platform.mail;

import java.net.URI;
import java.util.Map;

/**
 * The platform's mails in every supported language (English and German). Values put into a mail
 * (names) are escaped for the HTML body and stripped of line breaks for the text body; links are
 * built from the configured public base URL, never from a request.
 */
public final class MailTemplates {
    public static final java.util.Set<String> LANGUAGES = java.util.Set.of("en", "de");

    private record Text(String subject, String greeting, String body, String action, String ignore) {
    }

    private static final Map<String, Map<String, Text>> TEXTS = Map.of(
        "verify_email", Map.of(
            "en", new Text("Confirm your e-mail address for Anastig", "Hello %s,",
                "please confirm your e-mail address to finish creating your Anastig account. The link works once and expires in 60 minutes.",
                "Confirm e-mail address", "If you did not sign up for Anastig, ignore this mail: nothing happens."),
            "de", new Text("Bestätigen Sie Ihre E-Mail-Adresse für Anastig", "Hallo %s,",
                "bitte bestätigen Sie Ihre E-Mail-Adresse, um Ihr Anastig-Konto fertig anzulegen. Der Link funktioniert einmal und verfällt nach 60 Minuten.",
                "E-Mail-Adresse bestätigen", "Wenn Sie sich nicht bei Anastig angemeldet haben, ignorieren Sie diese Mail: es geschieht nichts.")),
        "account_exists", Map.of(
            "en", new Text("Someone tried to sign up for Anastig with your address", "Hello %s,",
                "someone tried to create an Anastig account with this e-mail address, which already has one. If it was you, log in instead, or reset your password if you forgot it.",
                "Log in", "If it was not you, you need not do anything: your account is unchanged."),
            "de", new Text("Jemand wollte sich mit Ihrer Adresse bei Anastig anmelden", "Hallo %s,",
                "jemand wollte mit dieser E-Mail-Adresse ein Anastig-Konto anlegen; es gibt schon eines. Wenn Sie es waren, melden Sie sich an, oder setzen Sie Ihr Passwort zurück, falls Sie es vergessen haben.",
                "Anmelden", "Wenn Sie es nicht waren, müssen Sie nichts tun: Ihr Konto bleibt unverändert.")),
        "change_email", Map.of(
            "en", new Text("Confirm your new e-mail address for Anastig", "Hello %s,",
                "please confirm this address to make it your Anastig login. The link works once and expires in 60 minutes.",
                "Confirm new address", "If you did not ask for this, ignore this mail: nothing changes."),
            "de", new Text("Bestätigen Sie Ihre neue E-Mail-Adresse für Anastig", "Hallo %s,",
                "bitte bestätigen Sie diese Adresse, damit sie Ihre Anastig-Anmeldung wird. Der Link funktioniert einmal und verfällt nach 60 Minuten.",
                "Neue Adresse bestätigen", "Wenn Sie das nicht angefordert haben, ignorieren Sie diese Mail: es ändert sich nichts.")),
        "email_change_notice", Map.of(
            "en", new Text("Your Anastig e-mail address is about to change", "Hello %s,",
                "someone signed in to your account asked to move it to a new e-mail address. It changes only when the new address is confirmed.",
                "Review your security events", "If this was not you, change your password now and revoke your other sessions."),
            "de", new Text("Ihre Anastig-E-Mail-Adresse soll geändert werden", "Hallo %s,",
                "jemand, der in Ihrem Konto angemeldet ist, möchte es auf eine neue E-Mail-Adresse umstellen. Sie ändert sich erst, wenn die neue Adresse bestätigt ist.",
                "Sicherheitsereignisse ansehen", "Wenn Sie das nicht waren, ändern Sie jetzt Ihr Passwort und beenden Sie Ihre anderen Sitzungen.")),
        "password_reset", Map.of(
            "en", new Text("Reset your Anastig password", "Hello %s,",
                "use this link to choose a new password. It works once and expires in 60 minutes. Every signed-in session will end.",
                "Choose a new password", "If you did not ask for this, ignore this mail: your password is unchanged."),
            "de", new Text("Ihr Anastig-Passwort zurücksetzen", "Hallo %s,",
                "mit diesem Link wählen Sie ein neues Passwort. Er funktioniert einmal und verfällt nach 60 Minuten. Alle angemeldeten Sitzungen werden beendet.",
                "Neues Passwort wählen", "Wenn Sie das nicht angefordert haben, ignorieren Sie diese Mail: Ihr Passwort bleibt unverändert.")),
        "invitation", Map.of(
            "en", new Text("You are invited to an organization on Anastig", "Hello,",
                "%s invited you to join the organization \u201c%s\u201d on Anastig as %s. Sign in (or sign up) with this e-mail address, then accept. The link works once and expires in 7 days.",
                "Accept the invitation", "If you do not know this organization, ignore this mail: nothing happens."),
            "de", new Text("Sie sind zu einer Organisation auf Anastig eingeladen", "Hallo,",
                "%s hat Sie eingeladen, der Organisation \u201e%s\u201c auf Anastig als %s beizutreten. Melden Sie sich mit dieser E-Mail-Adresse an (oder registrieren Sie sich) und nehmen Sie an. Der Link funktioniert einmal und verfällt nach 7 Tagen.",
                "Einladung annehmen", "Wenn Sie diese Organisation nicht kennen, ignorieren Sie diese Mail: es geschieht nichts.")),
        "privacy_request_received", Map.of(
            "en", new Text("We received your privacy request", "Hello %s,",
                "we received your %s request and will answer it by %s at the latest. A person reviews it; you can follow it in your privacy centre.",
                "Open your privacy centre", "If you did not make this request, change your password and tell us by replying to the privacy address."),
            "de", new Text("Wir haben Ihre Datenschutzanfrage erhalten", "Hallo %s,",
                "wir haben Ihre Anfrage (%s) erhalten und beantworten sie spätestens bis %s. Ein Mensch prüft sie; Sie können sie in Ihrer Datenschutzübersicht verfolgen.",
                "Datenschutzübersicht öffnen", "Wenn Sie diese Anfrage nicht gestellt haben, ändern Sie Ihr Passwort und melden Sie sich bei der Datenschutzadresse.")));

    private final URI publicBaseUrl;

    public MailTemplates(URI publicBaseUrl) {
        String base = publicBaseUrl.toString();
        this.publicBaseUrl = URI.create(base.endsWith("/") ? base.substring(0, base.length() - 1) : base);
    }

    /**
     * A mail of {@code kind} to {@code to}, in {@code language} (English when unsupported), with a
     * button linking to {@code path} (relative to the public base URL; may carry a token).
     */
    public OutgoingMail render(String kind, String language, String to, String name, String path) {
        return render(kind, language, to, name, path, new Object[0]);
    }

    /** As above, with values for the body's {@code %s} placeholders (names: flattened to one line, escaped in HTML). */
    public OutgoingMail render(String kind, String language, String to, String name, String path, Object... bodyValues) {
        Map<String, Text> byLanguage = TEXTS.get(kind);
        if (byLanguage == null) {
            throw new IllegalArgumentException("no mail template " + kind);
        }
        Text template = byLanguage.getOrDefault(LANGUAGES.contains(language) ? language : "en", byLanguage.get("en"));
        Object[] flat = java.util.Arrays.stream(bodyValues).map(v -> oneLine(String.valueOf(v))).toArray();
        Text t = flat.length == 0 ? template : new Text(template.subject(), template.greeting(),
            String.format(template.body(), flat), template.action(), template.ignore());
        String link = publicBaseUrl + path;
        String plainName = name == null ? "" : oneLine(name);
        String text = String.format(t.greeting(), plainName) + "\n\n" + t.body() + "\n\n" + t.action() + ": " + link
            + "\n\n" + t.ignore() + "\n\n-- \nAnastig\n";
        String html = "<!doctype html><html lang=\"" + (LANGUAGES.contains(language) ? language : "en") + "\"><body>"
            + "<p>" + escape(String.format(t.greeting(), plainName)) + "</p><p>" + escape(t.body()) + "</p>"
            + "<p><a href=\"" + escape(link) + "\">" + escape(t.action()) + "</a></p><p>" + escape(t.ignore()) + "</p>"
            + "<p>Anastig</p></body></html>";
        return new OutgoingMail(kind, to, t.subject(), text, html);
    }

    private static String oneLine(String s) {
        return s.replaceAll("[\\r\\n\\t\\u2028\\u2029]+", " ").strip();
    }

    static String escape(String s) {
        StringBuilder sb = new StringBuilder(s.length() + 16);
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '<' -> sb.append("&lt;");
                case '>' -> sb.append("&gt;");
                case '&' -> sb.append("&amp;");
                case '"' -> sb.append("&quot;");
                case '\'' -> sb.append("&#39;");
                default -> sb.append(c);
            }
        }
        return sb.toString();
    }
}
