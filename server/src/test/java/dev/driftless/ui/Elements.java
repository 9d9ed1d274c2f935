package dev.driftless.ui;

import java.time.Duration;
import org.openqa.selenium.By;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/** Finding the dashboard's elements by their {@code data-testid}, waiting as a person would for them to appear. */
final class Elements {

    private Elements() {
    }

    /**
     * A wait that looks again when an element it found is gone: pages re-render sections as the event stream reports
     * changes, so an element found a moment ago may have been replaced.
     */
    static WebDriverWait waitFor(WebDriver browser, Duration timeout) {
        WebDriverWait wait = new WebDriverWait(browser, timeout);
        wait.ignoring(StaleElementReferenceException.class);
        return wait;
    }

    static By testId(String testId) {
        return By.cssSelector("[data-testid='" + testId + "']");
    }

    static WebElement byTestId(WebDriverWait wait, String testId) {
        return wait.until(ExpectedConditions.presenceOfElementLocated(testId(testId)));
    }

    static WebElement visible(WebDriverWait wait, String testId) {
        return wait.until(ExpectedConditions.visibilityOfElementLocated(testId(testId)));
    }

    static void click(WebDriverWait wait, String testId) {
        wait.until(ExpectedConditions.elementToBeClickable(testId(testId))).click();
    }

    static void type(WebDriverWait wait, String testId, String text) {
        visible(wait, testId).sendKeys(text);
    }
}
