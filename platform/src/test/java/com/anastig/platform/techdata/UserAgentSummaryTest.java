package com.anastig.platform.techdata;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

/** Real User-Agent strings reduced to a browser family and a device class, nothing more. */
class UserAgentSummaryTest {
    private static UserAgentSummary summaries;

    @BeforeAll
    static void load() {
        summaries = new UserAgentSummary();
    }

    @ParameterizedTest(name = "{1} on {2}")
    @CsvSource(delimiter = '|', textBlock = """
        Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:133.0) Gecko/20100101 Firefox/133.0 | Firefox | desktop
        Mozilla/5.0 (X11; Linux x86_64; rv:128.0) Gecko/20100101 Firefox/128.0 | Firefox | desktop
        Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36 | Chrome | desktop
        Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36 | Chrome | desktop
        Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36 Edg/131.0.0.0 | Edge | desktop
        Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.1 Safari/605.1.15 | Safari | desktop
        Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/130.0.0.0 Safari/537.36 OPR/115.0.0.0 | Opera | desktop
        Mozilla/5.0 (X11; CrOS x86_64 14541.0.0) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36 | Chrome | desktop
        Mozilla/5.0 (iPhone; CPU iPhone OS 18_1 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.1 Mobile/15E148 Safari/604.1 | Safari | mobile
        Mozilla/5.0 (iPhone; CPU iPhone OS 18_1 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) CriOS/131.0.6778.73 Mobile/15E148 Safari/604.1 | Chrome | mobile
        Mozilla/5.0 (iPhone; CPU iPhone OS 18_1 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) FxiOS/133.0 Mobile/15E148 Safari/605.1.15 | Firefox | mobile
        Mozilla/5.0 (Linux; Android 10; K) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Mobile Safari/537.36 | Chrome | mobile
        Mozilla/5.0 (Android 14; Mobile; rv:133.0) Gecko/133.0 Firefox/133.0 | Firefox | mobile
        Mozilla/5.0 (Linux; Android 14; SAMSUNG SM-S918B) AppleWebKit/537.36 (KHTML, like Gecko) SamsungBrowser/26.0 Chrome/122.0.0.0 Mobile Safari/537.36 | Samsung Internet | mobile
        Mozilla/5.0 (Linux; Android 10; K) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Mobile Safari/537.36 EdgA/131.0.0.0 | Edge | mobile
        Mozilla/5.0 (iPad; CPU OS 17_6 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.6 Mobile/15E148 Safari/604.1 | Safari | tablet
        Mozilla/5.0 (Linux; Android 13; SM-X710) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36 | Chrome | tablet
        Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html) | Other | bot
        Mozilla/5.0 (compatible; bingbot/2.0; +http://www.bing.com/bingbot.htm) | Other | bot
        Mozilla/5.0 AppleWebKit/537.36 (KHTML, like Gecko; compatible; GPTBot/1.2; +https://openai.com/gptbot) | Other | bot
        curl/8.5.0 | Other | unknown
        python-requests/2.32.3 | Other | unknown
        <script>alert(1)</script> | Other | unknown
        """)
    void realUserAgents(String userAgent, String browser, String device) {
        assertThat(summaries.summarize(userAgent)).isEqualTo(new UserAgentSummary.Summary(browser, device));
    }

    @Test
    void missingHeaderIsUnknown() {
        assertThat(summaries.summarize(null)).isEqualTo(UserAgentSummary.UNKNOWN);
        assertThat(summaries.summarize("  ")).isEqualTo(UserAgentSummary.UNKNOWN);
        assertThat(UserAgentSummary.UNKNOWN.text()).isEqualTo("Other on unknown");
    }

    @Test
    void theSummaryKeepsNoVersionOrModel() {
        String text = summaries.summarize("Mozilla/5.0 (Linux; Android 14; SAMSUNG SM-S918B) AppleWebKit/537.36 "
            + "(KHTML, like Gecko) SamsungBrowser/26.0 Chrome/122.0.0.0 Mobile Safari/537.36").text();
        assertThat(text).isEqualTo("Samsung Internet on mobile").doesNotContain("26").doesNotContain("SM-S918B");
    }

    @Test
    void aHugeHeaderIsCutAndCostsLittle() {
        String huge = "Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:133.0) Gecko/20100101 Firefox/133.0 "
            + "(".repeat(1_000_000);
        long start = System.nanoTime();
        for (int i = 0; i < 20; i++) {
            assertThat(summaries.summarize(i + " " + huge).browser()).isEqualTo("Firefox");
        }
        // generous bound: only the first 512 characters are parsed, so this is milliseconds
        assertThat((System.nanoTime() - start) / 1_000_000).isLessThan(5_000);
    }
}
