//! Asking the app's window to close the way a desktop does (its close button, Alt+F4): the
//! window manager sends the window a WM_DELETE_WINDOW message, which GTK turns into a close
//! request the app may refuse. Under Xvfb there is no window manager, so the test sends that
//! message itself. (WebDriver's "close window" would destroy the web view without asking.)

use std::ffi::CString;
use std::ptr;
use x11_dl::xlib;

/// Sends WM_DELETE_WINDOW to every shown top-level window whose title contains `title`;
/// returns how many it asked.
pub fn ask_to_close(title: &str) -> usize {
    let x = xlib::Xlib::open().expect("libX11 to load");
    // SAFETY: plain Xlib calls on a display this function opens and closes; every pointer
    // Xlib hands back is checked and freed with XFree.
    unsafe {
        let display = (x.XOpenDisplay)(ptr::null());
        assert!(!display.is_null(), "an X display (run under xvfb-run)");
        let atom = |name: &str| {
            let name = CString::new(name).unwrap();
            (x.XInternAtom)(display, name.as_ptr(), xlib::False)
        };
        let (protocols, delete) = (atom("WM_PROTOCOLS"), atom("WM_DELETE_WINDOW"));
        let (net_wm_name, utf8) = (atom("_NET_WM_NAME"), atom("UTF8_STRING"));
        let root = (x.XDefaultRootWindow)(display);
        let (mut root_back, mut parent) = (0, 0);
        let mut children: *mut xlib::Window = ptr::null_mut();
        let mut n = 0;
        (x.XQueryTree)(
            display,
            root,
            &mut root_back,
            &mut parent,
            &mut children,
            &mut n,
        );
        let windows = if children.is_null() {
            &[][..]
        } else {
            std::slice::from_raw_parts(children, n as usize)
        };
        let mut asked = 0;
        for &window in windows {
            let mut attrs: xlib::XWindowAttributes = std::mem::zeroed();
            (x.XGetWindowAttributes)(display, window, &mut attrs);
            // The title as UTF-8 (_NET_WM_NAME): WM_NAME holds a title with an em dash as
            // COMPOUND_TEXT, which XFetchName does not return.
            let (mut kind, mut format, mut items, mut after) = (0, 0, 0, 0);
            let mut name: *mut std::os::raw::c_uchar = ptr::null_mut();
            (x.XGetWindowProperty)(
                display,
                window,
                net_wm_name,
                0,
                1024,
                xlib::False,
                utf8,
                &mut kind,
                &mut format,
                &mut items,
                &mut after,
                &mut name,
            );
            if name.is_null() {
                continue;
            }
            let bytes = std::slice::from_raw_parts(name, items as usize);
            let named = String::from_utf8_lossy(bytes).contains(title);
            (x.XFree)(name.cast());
            if !named || attrs.map_state != xlib::IsViewable {
                continue;
            }
            let mut data = xlib::ClientMessageData::new();
            data.set_long(0, delete as i64);
            data.set_long(1, xlib::CurrentTime as i64);
            let mut event = xlib::XEvent {
                client_message: xlib::XClientMessageEvent {
                    type_: xlib::ClientMessage,
                    serial: 0,
                    send_event: xlib::True,
                    display,
                    window,
                    message_type: protocols,
                    format: 32,
                    data,
                },
            };
            (x.XSendEvent)(display, window, xlib::False, xlib::NoEventMask, &mut event);
            asked += 1;
        }
        if !children.is_null() {
            (x.XFree)(children.cast());
        }
        (x.XFlush)(display);
        (x.XCloseDisplay)(display);
        asked
    }
}
