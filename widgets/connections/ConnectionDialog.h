// ConnectionDialog: the form that creates or edits one ConnectionProfile — bootstrap servers, security protocol,
// TLS files, SASL user and passwords — refusing bad input with a reason (the dialog stays open), and "Test
// connection", which runs client::probe_connection off the GUI thread and lists every step with ✓, ✗ or –.
// Passwords go to the SecretStore when "Remember" is on and the store is available; never to QSettings.
#pragma once
#include <QDialog>
#include <QFutureWatcher>

#include "ConnectionProfile.h"
#include "engine/client/connection_probe.h"

class QCheckBox;
class QComboBox;
class QDialogButtonBox;
class QFormLayout;
class QLabel;
class QLineEdit;
class QPushButton;
class SecretStore;

class ConnectionDialog : public QDialog
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ConnectionDialog)

public:
    // secrets may be null (then passwords are asked for each time). Does not take ownership.
    explicit ConnectionDialog(SecretStore *secrets, QWidget *parent = nullptr);
    ~ConnectionDialog() override;

    void setProfile(const ConnectionProfile &profile, const ConnectionSecrets &secrets = {});
    ConnectionProfile profile() const;  // as the fields say now
    ConnectionSecrets secrets() const;
    // True when the passwords are to be kept in the SecretStore (checked and the store available).
    bool rememberSecrets() const;

    // What is wrong with the input (empty when it can be saved). Names must not clash with takenNames.
    QStringList validationProblems() const;
    void setTakenNames(const QStringList &names) { m_takenNames = names; }

    // Starts "Test connection" (false, with the reason shown, when the input is refused or a test runs).
    bool testConnection();
    bool isTesting() const { return m_probe.isRunning(); }
    // The last test's steps as shown ("✓ DNS: …" one a line); empty before any.
    QString reportText() const { return m_reportText; }
    void setProbeTimeout(std::chrono::milliseconds timeout) { m_probeTimeout = timeout; }

    QLineEdit *nameEdit() const { return m_name; }
    QLineEdit *bootstrapEdit() const { return m_bootstrap; }
    QComboBox *protocolCombo() const { return m_protocol; }
    QLineEdit *caFileEdit() const { return m_caFile; }
    QLineEdit *certificateFileEdit() const { return m_certificateFile; }
    QLineEdit *keyPasswordEdit() const { return m_keyPassword; }
    QCheckBox *verifyHostCheck() const { return m_verifyHost; }
    QComboBox *mechanismCombo() const { return m_mechanism; }
    QLineEdit *usernameEdit() const { return m_username; }
    QLineEdit *passwordEdit() const { return m_password; }
    QCheckBox *rememberCheck() const { return m_remember; }
    QLabel *rememberNote() const { return m_rememberNote; }
    QPushButton *testButton() const { return m_test; }
    QLabel *statusLabel() const { return m_status; }
    QLabel *reportLabel() const { return m_report; }

    // The lines of a report, as the dialog shows them: "✓ TLS: handshake and certificate check passed".
    static QStringList reportLines(const sluice::client::probe_report &report);

signals:
    void testFinished(bool ok);

public slots:
    void accept() override;  // validates first; stays open with the reasons shown when the input is refused

private:
    void updateEnabled();
    void growToFit();
    void showProblems(const QStringList &problems);
    void onProbeFinished();
    QLineEdit *addFileRow(QFormLayout *form, const QString &label, const QString &placeholder, const QString &filter);

    SecretStore *m_secrets;
    QStringList m_takenNames;
    QLineEdit *m_name;
    QLineEdit *m_bootstrap;
    QComboBox *m_protocol;
    QLineEdit *m_caFile;
    QLineEdit *m_certificateFile;
    QLineEdit *m_keyPassword;
    QCheckBox *m_verifyHost;
    QComboBox *m_mechanism;
    QLineEdit *m_username;
    QLineEdit *m_password;
    QCheckBox *m_remember;
    QLabel *m_rememberNote;
    QPushButton *m_test;
    QLabel *m_status;
    QLabel *m_report;
    QDialogButtonBox *m_buttons;
    QFormLayout *m_form = nullptr;
    QList<QWidget *> m_tlsWidgets;
    QList<QWidget *> m_saslWidgets;
    QFutureWatcher<sluice::client::probe_report> m_probe;
    std::chrono::milliseconds m_probeTimeout{5000};
    QString m_reportText;
};
