package nc.esim.billing.payments;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;

import org.junit.jupiter.api.Test;

import nc.esim.billing.pricing.PriceQuote;

class PriceQuoteTest {
    private static final BigDecimal TWO_PERCENT = new BigDecimal("2");

    @Test
    void inXpfThereIsNoFeeAndNoConversion() {
        assertThat(PriceQuote.inXpf(1_500)).isEqualTo(new PriceQuote(1_500, 0, 0, 1_500, "XPF", null, 1_500));
    }

    @Test
    void inEurosThePegRateAppliesAndTheAmountIsRoundedUpToTheCent() {
        // fee 2 % of 1,500 = 30 XPF; 1,530 / 119.33174 = 12.8213... EUR, rounded up to 12.83
        PriceQuote quote = PriceQuote.converted(1_500, TWO_PERCENT, "EUR", new BigDecimal("119.33174"), 2);

        assertThat(quote.feeMinor()).isEqualTo(30);
        assertThat(quote.totalMinor()).isEqualTo(1_530);
        assertThat(quote.paidAmountMinor()).isEqualTo(1_283);
    }

    @Test
    void theFeeIsRoundedUpToTheWholeFranc() {
        // 2 % of 5,900 = 118 exactly; 2 % of 1,201 = 24.02, rounded up to 25
        assertThat(PriceQuote.converted(5_900, TWO_PERCENT, "EUR", new BigDecimal("119.33174"), 2).feeMinor()).isEqualTo(118);
        assertThat(PriceQuote.converted(1_201, TWO_PERCENT, "EUR", new BigDecimal("119.33174"), 2).feeMinor()).isEqualTo(25);
    }

    @Test
    void aCurrencyWithoutMinorUnitsIsRoundedUpToTheWholeUnit() {
        // 1,530 XPF at 0.74 XPF per yen = 2,067.56... yen, rounded up to 2,068
        assertThat(PriceQuote.converted(1_500, TWO_PERCENT, "JPY", new BigDecimal("0.74"), 0).paidAmountMinor())
                .isEqualTo(2_068);
    }

    @Test
    void anExactConversionIsNotRoundedFurther() {
        // 1,530 XPF at 76.5 XPF per unit = 20.00 exactly
        assertThat(PriceQuote.converted(1_500, TWO_PERCENT, "AUD", new BigDecimal("76.5"), 2).paidAmountMinor())
                .isEqualTo(2_000);
    }

    @Test
    void whatIsPaidAlwaysCoversTheXpfTotal() {
        for (long price = 1; price < 20_000; price += 97) {
            PriceQuote quote = PriceQuote.converted(price, TWO_PERCENT, "AUD", new BigDecimal("73.1234"), 2);
            BigDecimal paidInXpf = BigDecimal.valueOf(quote.paidAmountMinor()).movePointLeft(2).multiply(quote.xpfPerUnit());
            assertThat(paidInXpf).as("price " + price).isGreaterThanOrEqualTo(BigDecimal.valueOf(quote.totalMinor()));
        }
    }
}
