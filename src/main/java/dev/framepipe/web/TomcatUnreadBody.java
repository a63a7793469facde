package dev.framepipe.web;

import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletRequestWrapper;
import java.lang.reflect.Field;
import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.RequestFacade;
import org.apache.coyote.ActionCode;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Tells Tomcat to close a request's connection after its answer without reading what is left of its body.
 *
 * <p>When a request ends with part of its body unread, Tomcat reads and discards up to
 * {@code server.tomcat.max-swallow-size} of it before it closes the connection, with blocking reads on a request
 * thread: an upload that is refused and keeps trickling (10 bytes every 2 s) holds that thread until the limit
 * is reached, which at that pace is never. 250 such uploads held all 200 request threads, 50 of them got no
 * answer, and frames from other clients timed out for 20 s. Tomcat itself skips that reading for an aborted
 * upload ({@code Request.checkSwallowInput}: the coyote action {@link ActionCode#DISABLE_SWALLOW_INPUT}, which
 * also marks the connection to be closed), but offers no public way to ask for it; the container's request is a
 * field of the facade the servlet API hands out, read here by reflection. On another container, or if a Tomcat
 * version renames the field, nothing is done and Tomcat's reading remains
 * ({@code AdmissionTests.refusedUploadsThatKeepTricklingHoldNoRequestThreadAndAreCountedOnce} then fails).
 *
 * <p>Only bodies declared longer than {@code max-swallow-size} (1 MB), or chunked, are closed so: Tomcat would close
 * those after reading 1 MB anyway, and a client still sending one has the connection closed under it either way,
 * now as soon as its answer is out. A shorter body is still read to its end, since closing over a few unread
 * kilobytes made Java's {@code HttpClient} lose the answer ({@code OverloadTests}' refused 19 KB frames). An
 * upload declared at most 1 MB that trickles after its refusal still holds a thread while Tomcat reads it.
 */
final class TomcatUnreadBody {

    private static final Logger log = LoggerFactory.getLogger(TomcatUnreadBody.class);
    private static final @Nullable Field FACADE_REQUEST = facadeRequest();

    private TomcatUnreadBody() {}

    /**
     * Closes the connection after this request's answer (already written) without reading the rest of its body,
     * when the body was declared longer than {@code maxSwallowBytes} or not declared (chunked): Tomcat would read
     * that much and then close it unread anyway. A shorter body Tomcat reads to its end, so that the connection
     * closes cleanly and a client still sending it reads its answer.
     */
    static void abandonLongerThan(ServletRequest request, long maxSwallowBytes) {
        ServletRequest inner = request;
        while (inner instanceof ServletRequestWrapper wrapper) {
            inner = wrapper.getRequest();
        }
        long declared = inner.getContentLengthLong();
        if (declared >= 0 && declared <= maxSwallowBytes) {
            return;
        }
        if (FACADE_REQUEST != null && inner instanceof RequestFacade facade) {
            try {
                org.apache.coyote.Request coyote = ((Request) FACADE_REQUEST.get(facade)).getCoyoteRequest();
                coyote.action(ActionCode.DISABLE_SWALLOW_INPUT, null);
                // That action flags an error, which would have Tomcat dispatch to the error page after this answer;
                // the answer is written already, so the error counts as reported.
                coyote.getResponse().setErrorReported();
            } catch (IllegalAccessException | RuntimeException e) {
                log.debug("Tomcat will read the rest of the body before it closes the connection", e);
            }
        }
    }

    private static @Nullable Field facadeRequest() {
        try {
            Field field = RequestFacade.class.getDeclaredField("request");
            field.setAccessible(true);
            return field;
        } catch (ReflectiveOperationException | RuntimeException e) {
            log.warn("Tomcat's request facade has no field 'request': refused uploads are read to max-swallow-size", e);
            return null;
        }
    }
}
