package nc.esim.support.sms;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class GsmAlphabetTest {

    @Test
    void theBasicTableHas128CodesWhereTheStandardPutsThem() {
        assertThat(GsmAlphabet.encode("@")).containsExactly(0x00);
        assertThat(GsmAlphabet.encode("A")).containsExactly(0x41);
        assertThat(GsmAlphabet.encode("a")).containsExactly(0x61);
        assertThat(GsmAlphabet.encode("0")).containsExactly(0x30);
        assertThat(GsmAlphabet.encode("é")).containsExactly(0x05);
        assertThat(GsmAlphabet.encode("à")).containsExactly(0x7F);
        assertThat(GsmAlphabet.encode("¿")).containsExactly(0x60);
        assertThat(GsmAlphabet.encode(" ")).containsExactly(0x20);
        assertThat(GsmAlphabet.encode("É")).containsExactly(0x1F);
    }

    @Test
    void frenchFitsChineseAndSomeFrenchLettersDoNot() {
        assertThat(GsmAlphabet.canEncode("Votre forfait expire le 29 novembre à 23:59. Renouvelez-le !")).isTrue();
        assertThat(GsmAlphabet.canEncode("您的套餐")).isFalse();
        assertThat(GsmAlphabet.canEncode("Vous êtes prêt")).isFalse(); // ê is not in the GSM alphabet
        assertThatThrownBy(() -> GsmAlphabet.encode("ê")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void extensionCharactersAreEscapedCountTwiceAndReadBack() {
        String text = "Prix: 10€ [promo] {ok} ~^|\\";
        assertThat(GsmAlphabet.septets("€")).isEqualTo(2);
        assertThat(GsmAlphabet.encode("€")).containsExactly(0x1B, 0x65);
        assertThat(GsmAlphabet.septets(text)).isEqualTo(text.length() + 9);
        assertThat(GsmAlphabet.decode(GsmAlphabet.encode(text))).isEqualTo(text);
        assertThat(GsmAlphabet.decode(GsmAlphabet.encode("Ça fait 1500 XPF, où ?"))).isEqualTo("Ça fait 1500 XPF, où ?");
    }
}
