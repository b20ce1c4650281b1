package nc.esim.notification.sms;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

/** Encoding and concatenation at their boundaries, without a network: what the SMS centre is handed. */
class SmsEncodingTest {

    private static List<String> decoded(SmsEncoding encoding) {
        return encoding.parts().stream().map(part -> SmsEncoding.decode(encoding.dataCoding(), part)).toList();
    }

    @Test
    void aGsmTextOf160CharactersIsOneSmsAndOf161ItIsTwoPartsOf153AndTheRest() {
        SmsEncoding single = SmsEncoding.of("a".repeat(160));
        assertThat(single.dataCoding()).isEqualTo(SmsEncoding.GSM_7);
        assertThat(single.parts()).hasSize(1);

        SmsEncoding two = SmsEncoding.of("a".repeat(161));
        assertThat(two.dataCoding()).isEqualTo(SmsEncoding.GSM_7);
        assertThat(decoded(two)).extracting(String::length).containsExactly(153, 8);
        assertThat(String.join("", decoded(two))).isEqualTo("a".repeat(161));
    }

    @Test
    void extensionCharactersCountTwoSeptetsAndAnEscapePairIsNeverCut() {
        // € is an escape pair: 80 of them are exactly 160 septets, 81 need two parts
        assertThat(SmsEncoding.of("€".repeat(80)).parts()).hasSize(1);
        SmsEncoding split = SmsEncoding.of("a" + "€".repeat(80));
        assertThat(split.parts()).hasSize(2);
        // 153 septets hold the 'a' and 76 euros (1 + 152); the 77th would straddle the cut, so it opens part 2
        assertThat(decoded(split)).containsExactly("a" + "€".repeat(76), "€".repeat(4));
        assertThat(split.parts().get(0)).hasSize(153);
    }

    @Test
    void frenchAccentsOfTheGsmAlphabetStayAsTheyAreAndOthersTakeTheirUsualStandInsSoTheTextStaysGsm7() {
        SmsEncoding gsm = SmsEncoding.of("Votre forfait expire le 2 décembre à 23:59. Merci !");
        assertThat(gsm.dataCoding()).isEqualTo(SmsEncoding.GSM_7);
        assertThat(decoded(gsm)).containsExactly("Votre forfait expire le 2 décembre à 23:59. Merci !");

        SmsEncoding folded = SmsEncoding.of("Reçu : fenêtre « grâce » jusqu’au 2 décembre – Œuvre");
        assertThat(folded.dataCoding()).isEqualTo(SmsEncoding.GSM_7);
        assertThat(decoded(folded)).containsExactly("ReÇu : fenetre \" grace \" jusqu'au 2 décembre - OEuvre");
    }

    @Test
    void aTextThatCannotBeGsm7EvenFoldedGoesAsUcs2Unchanged() {
        String text = "Reçu 流量 fenêtre";
        SmsEncoding encoding = SmsEncoding.of(text);
        assertThat(encoding.dataCoding()).isEqualTo(SmsEncoding.UCS_2);
        assertThat(decoded(encoding)).containsExactly(text);
    }

    @Test
    void chineseIsUcs2In70CharactersAndBeyondInPartsOf67() {
        SmsEncoding single = SmsEncoding.of("流".repeat(70));
        assertThat(single.dataCoding()).isEqualTo(SmsEncoding.UCS_2);
        assertThat(single.parts()).hasSize(1);
        assertThat(single.parts().get(0)).hasSize(140);

        SmsEncoding two = SmsEncoding.of("流".repeat(71));
        assertThat(decoded(two)).containsExactly("流".repeat(67), "流".repeat(4));
    }

    @Test
    void aSurrogatePairAtTheCutGoesWholeIntoTheNextPart() {
        String emoji = "\uD83D\uDE00"; // one character, two UTF-16 units
        String text = "流".repeat(66) + emoji + "流".repeat(10);
        SmsEncoding encoding = SmsEncoding.of(text);
        assertThat(decoded(encoding)).containsExactly("流".repeat(66), emoji + "流".repeat(10));
    }
}
