<?xml version='1.0' encoding='utf-8'?>
<TS version="2.1" language="ar">
<context>
    <name>AnnotatorDialog</name>
    <message>
        <location filename="../project_dialogs.py" line="139" />
        <source>Who is annotating?</source>
        <translation>من يقوم بالتعليق؟</translation>
    </message>
    <message>
        <location filename="../project_dialogs.py" line="152" />
        <source>Your name. Your annotations, progress and undo history are kept under it; you can switch later from the File menu.</source>
        <translation>اسمك. تُحفظ تعليقاتك وتقدّمك وسجل التراجع باسمك، ويمكنك التبديل لاحقًا من قائمة «ملف».</translation>
    </message>
</context>
<context>
    <name>App</name>
    <message>
        <location filename="../app.py" line="71" />
        <source>Unexpected error</source>
        <translation>خطأ غير متوقع</translation>
    </message>
    <message>
        <location filename="../app.py" line="72" />
        <source>Something went wrong: %1</source>
        <translation>حدث خطأ: %1</translation>
    </message>
    <message>
        <location filename="../app.py" line="74" />
        <source>Your annotations up to the last edit are saved. The details were written to %1.</source>
        <translation>تعليقاتك محفوظة حتى آخر تعديل. كُتبت التفاصيل في %1.</translation>
    </message>
    <message>
        <location filename="../app.py" line="75" />
        <source>(the log could not be written)</source>
        <translation>(تعذّرت كتابة السجل)</translation>
    </message>
</context>
<context>
    <name>ArticleListModel</name>
    <message>
        <location filename="../article_list.py" line="118" />
        <source>Your entity mentions · quotes · stances in the article</source>
        <translation>كياناتك · اقتباساتك · مواقفك في المقالة</translation>
    </message>
    <message>
        <location filename="../article_list.py" line="122" />
        <source>Title</source>
        <translation>العنوان</translation>
    </message>
    <message>
        <location filename="../article_list.py" line="122" />
        <source>Outlet</source>
        <translation>المصدر</translation>
    </message>
    <message>
        <location filename="../article_list.py" line="122" />
        <source>Date</source>
        <translation>التاريخ</translation>
    </message>
    <message>
        <location filename="../article_list.py" line="122" />
        <source>Status</source>
        <translation>الحالة</translation>
    </message>
    <message>
        <location filename="../article_list.py" line="122" />
        <source>Counts</source>
        <translation>الأعداد</translation>
    </message>
    <message>
        <location filename="../article_list.py" line="147" />
        <source>%1 entity mentions, %2 quotes, %3 stances</source>
        <translation>%1 كيانًا و%2 اقتباسًا و%3 موقفًا</translation>
    </message>
    <message>
        <location filename="../article_list.py" line="126" />
        <source>not started</source>
        <translation>لم تبدأ</translation>
    </message>
    <message>
        <location filename="../article_list.py" line="126" />
        <source>in progress</source>
        <translation>قيد العمل</translation>
    </message>
    <message>
        <location filename="../article_list.py" line="127" />
        <source>done</source>
        <translation>منجزة</translation>
    </message>
</context>
<context>
    <name>ArticleListPanel</name>
    <message>
        <location filename="../article_list.py" line="366" />
        <source>Search articles (Arabic spelling variants match)…</source>
        <translation>ابحث في المقالات (تُطابَق صيغ الإملاء العربية)…</translation>
    </message>
    <message>
        <location filename="../article_list.py" line="367" />
        <source>All statuses</source>
        <translation>كل الحالات</translation>
    </message>
    <message>
        <location filename="../article_list.py" line="367" />
        <source>Unfinished</source>
        <translation>غير المنجزة</translation>
    </message>
    <message>
        <location filename="../article_list.py" line="369" />
        <source>All outlets</source>
        <translation>كل المصادر</translation>
    </message>
    <message>
        <location filename="../article_list.py" line="370" />
        <source>Any label</source>
        <translation>أي تسمية</translation>
    </message>
    <message>
        <location filename="../article_list.py" line="371" />
        <source>Has %1</source>
        <translation>فيها %1</translation>
    </message>
    <message numerus="yes">
        <location filename="../article_list.py" line="405" />
        <source>%n article(s)</source>
        <translation>
            <numerusform>لا مقالات</numerusform><numerusform>مقالة واحدة</numerusform><numerusform>مقالتان</numerusform><numerusform>%n مقالات</numerusform><numerusform>%n مقالة</numerusform><numerusform>%n مقالة</numerusform></translation>
    </message>
</context>
<context>
    <name>ExportDialog</name>
    <message>
        <location filename="../project_dialogs.py" line="180" />
        <source>Export annotations</source>
        <translation>تصدير التعليقات</translation>
    </message>
    <message>
        <location filename="../project_dialogs.py" line="184" />
        <source>My annotations (%1)</source>
        <translation>تعليقاتي (%1)</translation>
    </message>
    <message>
        <location filename="../project_dialogs.py" line="185" />
        <source>Every annotator and gold</source>
        <translation>كل المعلّقين والمرجع</translation>
    </message>
    <message>
        <location filename="../project_dialogs.py" line="185" />
        <source>Gold (adjudicated)</source>
        <translation>المرجع (بعد التحكيم)</translation>
    </message>
    <message>
        <location filename="../project_dialogs.py" line="188" />
        <source>Only articles marked done</source>
        <translation>المقالات المنجزة فقط</translation>
    </message>
    <message>
        <location filename="../project_dialogs.py" line="190" />
        <source>Format</source>
        <translation>الصيغة</translation>
    </message>
    <message>
        <location filename="../project_dialogs.py" line="191" />
        <source>Annotations</source>
        <translation>التعليقات</translation>
    </message>
    <message>
        <location filename="../project_dialogs.py" line="194" />
        <source>Export…</source>
        <translation>تصدير…</translation>
    </message>
    <message>
        <location filename="../project_dialogs.py" line="220" />
        <location filename="../project_dialogs.py" line="239" />
        <source>Export failed</source>
        <translation>فشل التصدير</translation>
    </message>
    <message>
        <location filename="../project_dialogs.py" line="222" />
        <source>Export to</source>
        <translation>تصدير إلى</translation>
    </message>
    <message>
        <location filename="../project_dialogs.py" line="226" />
        <source>Exporting…</source>
        <translation>جارٍ التصدير…</translation>
    </message>
    <message>
        <location filename="../project_dialogs.py" line="244" />
        <source>Export finished</source>
        <translation>اكتمل التصدير</translation>
    </message>
    <message>
        <location filename="../project_dialogs.py" line="245" />
        <source>%1 articles, %2 spans, %3 quotes, %4 stances written to %5</source>
        <translation>كُتبت %1 مقالة و%2 كيانًا و%3 اقتباسًا و%4 موقفًا في %5</translation>
    </message>
</context>
<context>
    <name>GuidelinesDialog</name>
    <message>
        <location filename="../help.py" line="85" />
        <source>Annotation guidelines</source>
        <translation>إرشادات التعليق</translation>
    </message>
    <message>
        <location filename="../help.py" line="90" />
        <source>Edit file…</source>
        <translation>تحرير الملف…</translation>
    </message>
    <message>
        <location filename="../help.py" line="91" />
        <source>Reload</source>
        <translation>إعادة التحميل</translation>
    </message>
    <message>
        <location filename="../help.py" line="106" />
        <source>The guidelines file cannot be read: %1</source>
        <translation>تعذّرت قراءة ملف الإرشادات: %1</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <location filename="../main_window.py" line="113" />
        <source>&amp;Open project…</source>
        <translation>فتح &amp;مشروع…</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="113" />
        <source>Switch &amp;annotator…</source>
        <translation>تبديل الم&amp;علِّق…</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="114" />
        <source>&amp;Export…</source>
        <translation>&amp;تصدير…</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="114" />
        <source>&amp;Quit</source>
        <translation>&amp;خروج</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="115" />
        <source>&amp;Find articles</source>
        <translation>&amp;بحث في المقالات</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="115" />
        <source>Mark &amp;done and go to next</source>
        <translation>وضع علامة &amp;منجز والانتقال إلى التالي</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="116" />
        <source>&amp;Next unfinished article</source>
        <translation>المقالة غير المنجزة ال&amp;تالية</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="116" />
        <source>&amp;Previous unfinished article</source>
        <translation>المقالة غير المنجزة ال&amp;سابقة</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="117" />
        <source>Next article in list</source>
        <translation>المقالة التالية في القائمة</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="117" />
        <source>Previous article in list</source>
        <translation>المقالة السابقة في القائمة</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="118" />
        <source>&amp;Bigger text</source>
        <translation>تكبير ال&amp;نص</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="118" />
        <source>&amp;Smaller text</source>
        <translation>تصغير الن&amp;ص</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="119" />
        <source>&amp;Reset layout</source>
        <translation>&amp;إعادة ضبط التخطيط</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="119" />
        <source>&amp;Keyboard shortcuts</source>
        <translation>&amp;اختصارات لوحة المفاتيح</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="120" />
        <source>Annotation &amp;guidelines</source>
        <translation>&amp;إرشادات التعليق</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="120" />
        <source>&amp;Light theme</source>
        <translation>المظهر الفا&amp;تح</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="121" />
        <source>&amp;Dark theme</source>
        <translation>المظهر الدا&amp;كن</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="128" />
        <source>Undo</source>
        <translation>تراجع عن</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="130" />
        <source>Redo</source>
        <translation>إعادة</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="158" />
        <source>&amp;File</source>
        <translation>&amp;ملف</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="159" />
        <source>&amp;Edit</source>
        <translation>&amp;تحرير</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="160" />
        <source>&amp;Annotate</source>
        <translation>ت&amp;عليق</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="161" />
        <source>&amp;Navigate</source>
        <translation>ت&amp;نقل</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="162" />
        <source>&amp;View</source>
        <translation>&amp;عرض</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="163" />
        <source>&amp;Language</source>
        <translation>&amp;اللغة</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="167" />
        <source>&amp;Help</source>
        <translation>م&amp;ساعدة</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="201" />
        <source>No other unfinished article in the list.</source>
        <translation>لا توجد مقالة أخرى غير منجزة في القائمة.</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="224" />
        <source>Article done. Every article in the list is done.</source>
        <translation>أُنجزت المقالة. كل مقالات القائمة منجزة.</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="227" />
        <source>Article done.</source>
        <translation>أُنجزت المقالة.</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="246" />
        <source>Done %1</source>
        <translation>المنجز %1</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="247" />
        <source>Annotator: %1</source>
        <translation>المعلِّق: %1</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="279" />
        <source>Now annotating as %1.</source>
        <translation>تعلّق الآن باسم %1.</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="293" />
        <source>Text size %1 pt</source>
        <translation>حجم النص %1 نقطة</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="316" />
        <source>File</source>
        <translation>ملف</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="317" />
        <source>Edit</source>
        <translation>تحرير</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="318" />
        <source>Annotate</source>
        <translation>تعليق</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="319" />
        <source>Navigate</source>
        <translation>تنقل</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="320" />
        <source>View</source>
        <translation>عرض</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="321" />
        <source>Help</source>
        <translation>مساعدة</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="329" />
        <source>Annotation guidelines</source>
        <translation>إرشادات التعليق</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="330" />
        <source>The guidelines file cannot be written: %1</source>
        <translation>تعذّرت كتابة ملف الإرشادات: %1</translation>
    </message>
</context>
<context>
    <name>ProjectDialogs</name>
    <message>
        <location filename="../project_dialogs.py" line="67" />
        <source>(process %1 on %2)</source>
        <translation>(العملية %1 على %2)</translation>
    </message>
    <message>
        <location filename="../project_dialogs.py" line="68" />
        <source>this computer</source>
        <translation>هذا الحاسوب</translation>
    </message>
    <message>
        <location filename="../project_dialogs.py" line="70" />
        <source>Another annotator window or process has this project open for writing %1. Close it there first, or open another project.</source>
        <translation>هذا المشروع مفتوح للكتابة في نافذة أو عملية أخرى %1. أغلقه هناك أولًا أو افتح مشروعًا آخر.</translation>
    </message>
    <message>
        <location filename="../project_dialogs.py" line="73" />
        <source>Cannot create the lock file %1 (is the folder read-only?).</source>
        <translation>تعذّر إنشاء ملف القفل %1 (هل المجلد للقراءة فقط؟).</translation>
    </message>
    <message>
        <location filename="../project_dialogs.py" line="85" />
        <source>This project was saved by a newer version of annotator. Update annotator to open it; this version leaves the file untouched.</source>
        <translation>حُفظ هذا المشروع بإصدار أحدث من البرنامج. حدّث البرنامج لفتحه؛ لن يمسّ هذا الإصدار الملف.</translation>
    </message>
    <message>
        <location filename="../project_dialogs.py" line="88" />
        <source>The project's label schema is broken, so its labels cannot be shown.</source>
        <translation>مخطط التسميات في المشروع تالف، فلا يمكن عرض تسمياته.</translation>
    </message>
    <message>
        <location filename="../project_dialogs.py" line="92" />
        <source>The file is not an annotator project or cannot be read (it may be damaged, or locked by another program).</source>
        <translation>الملف ليس مشروع تعليق أو تتعذّر قراءته (ربما هو تالف أو مقفل من برنامج آخر).</translation>
    </message>
    <message>
        <location filename="../project_dialogs.py" line="95" />
        <source>The project file cannot be read.</source>
        <translation>تتعذّر قراءة ملف المشروع.</translation>
    </message>
    <message>
        <location filename="../project_dialogs.py" line="96" />
        <source>The project cannot be opened.</source>
        <translation>يتعذّر فتح المشروع.</translation>
    </message>
    <message>
        <location filename="../project_dialogs.py" line="106" />
        <source>Cannot open project</source>
        <translation>تعذّر فتح المشروع</translation>
    </message>
    <message>
        <location filename="../project_dialogs.py" line="107" />
        <source>Cannot open the project %1</source>
        <translation>تعذّر فتح المشروع %1</translation>
    </message>
    <message>
        <location filename="../project_dialogs.py" line="109" />
        <source>Open another project…</source>
        <translation>فتح مشروع آخر…</translation>
    </message>
    <message>
        <location filename="../project_dialogs.py" line="110" />
        <source>Quit</source>
        <translation>خروج</translation>
    </message>
    <message>
        <location filename="../project_dialogs.py" line="110" />
        <source>Cancel</source>
        <translation>إلغاء</translation>
    </message>
    <message>
        <location filename="../project_dialogs.py" line="118" />
        <source>Open project</source>
        <translation>فتح مشروع</translation>
    </message>
    <message>
        <location filename="../project_dialogs.py" line="119" />
        <source>Annotator projects (*.db *.sqlite);;All files (*)</source>
        <translation>مشاريع التعليق (*.db *.sqlite);;كل الملفات (*)</translation>
    </message>
    <message>
        <location filename="../project_dialogs.py" line="127" />
        <source>Labels missing from the schema</source>
        <translation>تسميات غير موجودة في المخطط</translation>
    </message>
    <message>
        <location filename="../project_dialogs.py" line="128" />
        <source>Some spans use labels that the project's schema does not define: %1. They are shown in grey and cannot be applied by key; add them back to the schema to edit them.</source>
        <translation>بعض المقاطع تستخدم تسميات لا يعرّفها مخطط المشروع: %1. تظهر باللون الرمادي ولا يمكن تطبيقها بمفتاح؛ أعد إضافتها إلى المخطط لتحريرها.</translation>
    </message>
</context>
<context>
    <name>ShortcutSheetDialog</name>
    <message>
        <location filename="../help.py" line="115" />
        <source>Keyboard shortcuts</source>
        <translation>اختصارات لوحة المفاتيح</translation>
    </message>
    <message>
        <location filename="../help.py" line="142" />
        <source>Entity labels (after selecting text)</source>
        <translation>تسميات الكيانات (بعد تحديد النص)</translation>
    </message>
</context>
</TS>