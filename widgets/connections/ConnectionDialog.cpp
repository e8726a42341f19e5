#include "ConnectionDialog.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QFileDialog>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QVBoxLayout>
#include <QtConcurrent/QtConcurrentRun>

#include "SecretStore.h"

using sluice::security::security_protocol;

namespace {

constexpr security_protocol Protocols[] = {security_protocol::plaintext, security_protocol::ssl,
                                           security_protocol::sasl_plaintext, security_protocol::sasl_ssl};

// What to do about a failed step, where the engine's detail does not already say it.
QString hintFor(sluice::client::probe_step step)
{
    switch (step) {
    case sluice::client::probe_step::authenticate:
        return ConnectionDialog::tr("check the user name, password and SASL mechanism");
    case sluice::client::probe_step::authorize:
        return ConnectionDialog::tr("the user may lack DESCRIBE rights on the cluster (ACLs)");
    default:
        return {};
    }
}

}  // namespace

ConnectionDialog::ConnectionDialog(SecretStore *secrets, QWidget *parent)
    : QDialog(parent)
    , m_secrets(secrets)
    , m_name(new QLineEdit(this))
    , m_bootstrap(new QLineEdit(this))
    , m_protocol(new QComboBox(this))
    , m_keyPassword(new QLineEdit(this))
    , m_verifyHost(new QCheckBox(tr("Check that the server's certificate names the host"), this))
    , m_mechanism(new QComboBox(this))
    , m_username(new QLineEdit(this))
    , m_password(new QLineEdit(this))
    , m_remember(new QCheckBox(tr("Remember passwords in the system keychain"), this))
    , m_rememberNote(new QLabel(this))
    , m_test(new QPushButton(tr("&Test Connection"), this))
    , m_status(new QLabel(this))
    , m_report(new QLabel(this))
    , m_buttons(new QDialogButtonBox(QDialogButtonBox::Save | QDialogButtonBox::Cancel, this))
{
    setWindowTitle(tr("Cluster Connection"));
    auto *form = new QFormLayout;
    m_name->setPlaceholderText(tr("e.g. Production"));
    form->addRow(tr("&Name:"), m_name);
    m_bootstrap->setPlaceholderText(tr("host:port, host:port…"));
    m_bootstrap->setToolTip(tr("bootstrap.servers: one or more brokers the client asks for the cluster's metadata"));
    form->addRow(tr("&Bootstrap servers:"), m_bootstrap);
    for (security_protocol p : Protocols)
        m_protocol->addItem(QString::fromLatin1(sluice::security::security_protocol_name(p)), int(p));
    m_protocol->setToolTip(tr("security.protocol: SSL encrypts, SASL logs in with a user and password"));
    form->addRow(tr("Security pr&otocol:"), m_protocol);

    m_caFile = addFileRow(form, tr("C&A file:"), tr("empty: the system's CAs"), tr("PEM files (*.pem *.crt *.cer);;All files (*)"));
    m_certificateFile = addFileRow(form, tr("Client c&ertificate:"), tr("PEM with key and certificate; empty: none"),
                                   tr("PEM files (*.pem);;All files (*)"));
    m_keyPassword->setEchoMode(QLineEdit::Password);
    m_keyPassword->setPlaceholderText(tr("only for an encrypted key"));
    form->addRow(tr("&Key password:"), m_keyPassword);
    m_verifyHost->setChecked(true);  // Kafka's default (ssl.endpoint.identification.algorithm=https)
    m_verifyHost->setToolTip(tr("ssl.endpoint.identification.algorithm=https; turn off only for certificates without "
                                "the broker's name or address"));
    form->addRow(QString(), m_verifyHost);
    m_tlsWidgets = {m_caFile->parentWidget(), m_certificateFile->parentWidget(), m_keyPassword, m_verifyHost};

    m_mechanism->addItems(ConnectionProfile::saslMechanisms());
    form->addRow(tr("SASL &mechanism:"), m_mechanism);
    form->addRow(tr("&User:"), m_username);
    m_password->setEchoMode(QLineEdit::Password);
    form->addRow(tr("&Password:"), m_password);
    m_saslWidgets = {m_mechanism, m_username, m_password};

    form->addRow(QString(), m_remember);
    m_rememberNote->setWordWrap(true);
    form->addRow(QString(), m_rememberNote);
    if (!m_secrets || !m_secrets->isAvailable()) {
        m_remember->setChecked(false);
        m_remember->setEnabled(false);
        m_rememberNote->setText(tr("%1 Passwords will be asked for on each connect; they are never written to the settings file.")
                                    .arg(m_secrets ? m_secrets->unavailableReason() : tr("No keychain.")));
    } else {
        m_remember->setChecked(true);
        m_rememberNote->hide();
    }

    m_status->setWordWrap(true);
    m_status->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_report->setWordWrap(true);
    m_report->setTextFormat(Qt::RichText);
    m_report->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_report->setMinimumWidth(520);

    auto *testRow = new QHBoxLayout;
    testRow->addWidget(m_test);
    testRow->addStretch();

    auto *layout = new QVBoxLayout(this);
    layout->addLayout(form);
    layout->addLayout(testRow);
    layout->addWidget(m_report);
    layout->addWidget(m_status);
    layout->addStretch();
    layout->addWidget(m_buttons);

    connect(m_protocol, &QComboBox::currentIndexChanged, this, &ConnectionDialog::updateEnabled);
    connect(m_test, &QPushButton::clicked, this, &ConnectionDialog::testConnection);
    connect(m_buttons, &QDialogButtonBox::accepted, this, &ConnectionDialog::accept);
    connect(m_buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(&m_probe, &QFutureWatcher<sluice::client::probe_report>::finished, this, &ConnectionDialog::onProbeFinished);
    m_form = form;
    updateEnabled();
}

ConnectionDialog::~ConnectionDialog() = default;  // a running probe ends by its timeout; its report is dropped

QLineEdit *ConnectionDialog::addFileRow(QFormLayout *form, const QString &label, const QString &placeholder,
                                        const QString &filter)
{
    auto *row = new QWidget(this);
    auto *edit = new QLineEdit(row);
    edit->setPlaceholderText(placeholder);
    auto *browse = new QPushButton(tr("Browse…"), row);
    row->setFocusProxy(edit);
    auto *box = new QHBoxLayout(row);
    box->setContentsMargins(0, 0, 0, 0);
    box->addWidget(edit);
    box->addWidget(browse);
    connect(browse, &QPushButton::clicked, this, [this, edit, label, filter] {
        const QString chosen = QFileDialog::getOpenFileName(this, QString(label).remove(QLatin1Char('&')).remove(QLatin1Char(':')),
                                                            edit->text(), filter);
        if (!chosen.isEmpty())
            edit->setText(chosen);
    });
    form->addRow(label, row);
    if (auto *labelWidget = qobject_cast<QLabel *>(form->labelForField(row)))
        labelWidget->setBuddy(edit);  // the row itself takes no focus, so its mnemonic would go nowhere
    return edit;
}

void ConnectionDialog::updateEnabled()
{
    const ConnectionProfile p = profile();
    for (QWidget *w : std::as_const(m_tlsWidgets))
        m_form->setRowVisible(w, p.usesTls());
    for (QWidget *w : std::as_const(m_saslWidgets))
        m_form->setRowVisible(w, p.usesSasl());
    const bool anySecret = p.usesSasl() || p.usesTls();
    m_form->setRowVisible(m_remember, anySecret);
    m_form->setRowVisible(m_rememberNote, anySecret && !m_rememberNote->text().isEmpty());
    growToFit();
}

void ConnectionDialog::growToFit()
{
    // The report and the messages are word-wrapped labels: let the dialog grow so every line shows.
    layout()->activate();
    const int wanted = layout()->heightForWidth(width());
    if (wanted > height())
        resize(width(), wanted);
}

void ConnectionDialog::setProfile(const ConnectionProfile &p, const ConnectionSecrets &secrets)
{
    m_name->setText(p.name);
    m_bootstrap->setText(p.bootstrap);
    m_protocol->setCurrentIndex(m_protocol->findData(int(p.protocol)));
    m_caFile->setText(p.caFile);
    m_certificateFile->setText(p.certificateFile);
    m_verifyHost->setChecked(p.verifyServerHost);
    m_mechanism->setCurrentText(p.saslMechanism);
    m_username->setText(p.username);
    m_password->setText(secrets.saslPassword);
    m_keyPassword->setText(secrets.keyPassword);
    updateEnabled();
}

ConnectionProfile ConnectionDialog::profile() const
{
    ConnectionProfile p;
    p.name = m_name->text().trimmed();
    p.bootstrap = m_bootstrap->text().trimmed();
    p.protocol = static_cast<security_protocol>(m_protocol->currentData().toInt());
    p.caFile = m_caFile->text().trimmed();
    p.certificateFile = m_certificateFile->text().trimmed();
    p.verifyServerHost = m_verifyHost->isChecked();
    p.saslMechanism = m_mechanism->currentText();
    p.username = m_username->text().trimmed();
    return p;
}

ConnectionSecrets ConnectionDialog::secrets() const
{
    const ConnectionProfile p = profile();
    return {p.usesSasl() ? m_password->text() : QString(), p.usesTls() ? m_keyPassword->text() : QString()};
}

bool ConnectionDialog::rememberSecrets() const
{
    return m_remember->isChecked() && m_secrets && m_secrets->isAvailable();
}

QStringList ConnectionDialog::validationProblems() const
{
    const ConnectionProfile p = profile();
    QStringList problems = p.problems();
    if (m_takenNames.contains(p.name))
        problems.prepend(tr("A connection named \"%1\" exists already.").arg(p.name));
    return problems;
}

void ConnectionDialog::showProblems(const QStringList &problems)
{
    m_status->setStyleSheet(problems.isEmpty() ? QString() : QStringLiteral("color: #b00020;"));
    m_status->setText(problems.join(QLatin1Char('\n')));
    growToFit();
}

void ConnectionDialog::accept()
{
    const QStringList problems = validationProblems();
    showProblems(problems);
    if (!problems.isEmpty())
        return;
    QDialog::accept();
}

bool ConnectionDialog::testConnection()
{
    if (isTesting())
        return false;
    // The name does not matter for a test; everything else must be usable.
    ConnectionProfile p = profile();
    if (p.name.isEmpty())
        p.name = QStringLiteral("test");
    const QStringList problems = p.problems();
    showProblems(problems);
    if (!problems.isEmpty())
        return false;
    m_reportText.clear();
    m_report->setText(tr("Testing %1…").arg(p.bootstrap.toHtmlEscaped()));
    m_test->setEnabled(false);
    m_probe.setFuture(QtConcurrent::run([endpoint = p.endpoint(secrets()), timeout = m_probeTimeout] {
        return sluice::client::probe_connection(endpoint.bootstrap, endpoint.security, timeout);
    }));
    return true;
}

QStringList ConnectionDialog::reportLines(const sluice::client::probe_report &report)
{
    QStringList lines;
    const sluice::client::probe_outcome *failed = report.failure();
    for (const auto &s : report.steps) {
        const QString mark = s.skipped ? QStringLiteral("–") : s.ok ? QStringLiteral("✓") : QStringLiteral("✗");
        QString detail = QString::fromStdString(s.detail);
        // "✗ TLS: handshake with … failed", not "✗ TLS: TLS handshake with … failed".
        const QString name = QString::fromStdString(std::string(probe_step_name(s.step)));
        if (detail.startsWith(name + QLatin1Char(' ')))
            detail = detail.mid(name.size() + 1);
        if (&s == failed)
            if (const QString hint = hintFor(s.step); !hint.isEmpty())
                detail += QStringLiteral(" (") + hint + QLatin1Char(')');
        if (s.skipped && detail.isEmpty())
            detail = failed ? tr("not tried (an earlier step failed)") : tr("not used");
        lines << QStringLiteral("%1 %2: %3").arg(mark, name, detail);
    }
    return lines;
}

void ConnectionDialog::onProbeFinished()
{
    m_test->setEnabled(true);
    const sluice::client::probe_report report = m_probe.result();
    const QStringList lines = reportLines(report);
    m_reportText = lines.join(QLatin1Char('\n'));
    QString html;
    const sluice::client::probe_outcome *failed = report.failure();
    html += failed ? tr("<b style=\"color:#b00020\">Connection failed at %1.</b>")
                         .arg(QString::fromStdString(std::string(probe_step_name(failed->step))))
                   : tr("<b style=\"color:#1b5e20\">Connection works.</b>");
    for (int i = 0; i < lines.size(); ++i) {
        const auto &step = report.steps[std::size_t(i)];
        const QString color = step.skipped ? QStringLiteral("#777777") : step.ok ? QStringLiteral("#1b5e20") : QStringLiteral("#b00020");
        html += QStringLiteral("<br><span style=\"color:%1\">%2</span>").arg(color, lines[i].toHtmlEscaped());
    }
    m_report->setText(html);
    growToFit();
    emit testFinished(report.ok());
}
